package io.hitorflop.inference.explanation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnownRowScoresTest {

    /** A probability that depends on every value of a row, so a wrong lookup shows. */
    private static double probability(float[] row) {
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            sum += (i + 1) * row[i];
        }
        return 1 / (1 + Math.exp(-sum));
    }

    private final List<float[][]> calls = new ArrayList<>();
    private final ProbabilityFunction recording = rows -> {
        calls.add(rows);
        return Arrays.stream(rows).mapToDouble(KnownRowScoresTest::probability).toArray();
    };

    @Test
    void scoresTheFixedRowsOnceAndOnlyTheOthersAfterwardsWithTheSameValues() throws Exception {
        float[][] fixed = {{1, 2}, {3, 4}};
        KnownRowScores scores = KnownRowScores.of(fixed, recording);
        float[][] batch = {{0, 1}, {3, 4}, {5, 6}, {1, 2}, {0, 1}};

        double[] probabilities = scores.probabilities(batch);

        assertThat(probabilities).containsExactly(Arrays.stream(batch).mapToDouble(KnownRowScoresTest::probability).toArray());
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).as("only the rows that are not fixed, in their order").isDeepEqualTo(
                new float[][] {{0, 1}, {5, 6}, {0, 1}});
    }

    @Test
    void aBatchOfFixedRowsOnlyIsNotScoredAgain() throws Exception {
        float[][] fixed = {{1, 2}, {3, 4}};
        KnownRowScores scores = KnownRowScores.of(fixed, recording);
        fixed[0][0] = 9; // the caller's array changing later changes nothing

        assertThat(scores.probabilities(new float[][] {{3, 4}, {1, 2}}))
                .containsExactly(probability(new float[] {3, 4}), probability(new float[] {1, 2}));
        assertThat(calls).hasSize(1);
    }
}

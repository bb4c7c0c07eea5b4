package io.hitorflop.inference.explanation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShapleyExplainerTest {

    /** A model with interactions, a threshold and a saturation, as trees and the KNN have. */
    private static final ToDoubleFunction<float[]> INTERACTING = z -> {
        double score = 0.3 * z[0] * z[1] - 0.2 * z[2] + (z[3] > 0.5 ? 0.4 : 0) + 0.1 * z[0] * z[2] * z[4 % z.length];
        return 1 / (1 + Math.exp(-score));
    };

    private final Random random = new Random(7);

    @Test
    void exactValuesAgreeWithTheShapleyFormulaOverAllOrders() throws Exception {
        float[] song = randomRow(4);
        float[][] background = randomRows(6, 4);

        Attribution exact = new ExactShapley(background).explain(song, batch(INTERACTING));

        assertThat(exact.values()).containsExactly(BruteForceShapley.values(INTERACTING, song, background), within(1e-12));
        assertThat(exact.baseline()).isCloseTo(
                BruteForceShapley.coalitionValue(INTERACTING, song, background, new boolean[4]), within(1e-12));
        assertThat(exact.probability()).isEqualTo(INTERACTING.applyAsDouble(song));
    }

    @Test
    void exactValuesSumToTheProbabilityMinusTheMeanOverTheBackground() throws Exception {
        float[] song = randomRow(5);
        float[][] background = randomRows(32, 5);

        Attribution exact = new ExactShapley(background).explain(song, batch(INTERACTING));

        double meanOverBackground = Arrays.stream(background).mapToDouble(INTERACTING).average().orElseThrow();
        assertThat(exact.baseline()).isCloseTo(meanOverBackground, within(1e-12));
        assertThat(Arrays.stream(exact.values()).sum()).isCloseTo(exact.probability() - meanOverBackground, within(1e-6));
    }

    @Test
    void aFeatureTheModelIgnoresGetsNothing() throws Exception {
        ToDoubleFunction<float[]> ignoresFeatureTwo = z -> Math.tanh(z[0] * z[1] + z[3]) + z[4] * z[4];

        Attribution exact = new ExactShapley(randomRows(16, 5)).explain(randomRow(5), batch(ignoresFeatureTwo));

        assertThat(exact.values()[2]).isZero();
    }

    @Test
    void twoFeaturesThatPlayTheSameRoleGetTheSameValue() throws Exception {
        ToDoubleFunction<float[]> symmetricInZeroAndOne = z -> Math.exp(z[0] + z[1]) * z[2] + z[0] * z[1];
        float[] song = randomRow(3);
        song[1] = song[0];
        float[][] background = randomRows(8, 3);
        for (float[] row : background) {
            row[1] = row[0];
        }

        Attribution exact = new ExactShapley(background).explain(song, batch(symmetricInZeroAndOne));

        assertThat(exact.values()[0]).isCloseTo(exact.values()[1], within(1e-12));
    }

    @Test
    void aLinearModelGetsItsWeightTimesTheDistanceFromTheBackgroundMeanFromBothExplainers() throws Exception {
        double[] weights = {0.5, -1.25, 2, 0.125, -0.75, 1, 0.25, -2, 3, 0.5, -0.5};
        ToDoubleFunction<float[]> linear = z -> {
            double sum = 0.1;
            for (int i = 0; i < z.length; i++) {
                sum += weights[i] * z[i];
            }
            return sum;
        };
        float[] song = randomRow(weights.length);
        float[][] background = randomRows(10, weights.length);

        Attribution estimated = new PermutationShapley(background, 2, 42).explain(song, batch(linear));

        for (int i = 0; i < weights.length; i++) {
            int feature = i;
            double backgroundMean = Arrays.stream(background).mapToDouble(row -> row[feature]).average().orElseThrow();
            assertThat(estimated.values()[i]).isCloseTo(weights[i] * (song[i] - backgroundMean), within(1e-9));
        }
        float[][] firstFive = Arrays.stream(background).map(row -> Arrays.copyOf(row, 5)).toArray(float[][]::new);
        Attribution exact = new ExactShapley(firstFive).explain(Arrays.copyOf(song, 5), batch(linear));
        for (int i = 0; i < 5; i++) {
            int feature = i;
            double backgroundMean = Arrays.stream(firstFive).mapToDouble(row -> row[feature]).average().orElseThrow();
            assertThat(exact.values()[i]).isCloseTo(weights[i] * (song[i] - backgroundMean), within(1e-9));
        }
    }

    /** One walk per background row pairs each walk with the next row's reverse; two pair within a row. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theEstimateIsAdditiveForEverySeedAndUnbiasedOverSeeds(int permutationsPerBackgroundRow) throws Exception {
        float[] song = randomRow(6);
        float[][] background = randomRows(8, 6);
        double[] exact = new ExactShapley(background).explain(song, batch(INTERACTING)).values();
        int seeds = 400;
        double[] mean = new double[6];
        double[] meanSquare = new double[6];
        for (int seed = 0; seed < seeds; seed++) {
            Attribution estimate = new PermutationShapley(background, permutationsPerBackgroundRow, seed)
                    .explain(song, batch(INTERACTING));
            assertThat(Arrays.stream(estimate.values()).sum())
                    .isCloseTo(estimate.probability() - estimate.baseline(), within(1e-12));
            for (int i = 0; i < 6; i++) {
                mean[i] += estimate.values()[i] / seeds;
                meanSquare[i] += estimate.values()[i] * estimate.values()[i] / seeds;
            }
        }
        for (int i = 0; i < 6; i++) {
            double standardError = Math.sqrt(Math.max(meanSquare[i] - mean[i] * mean[i], 0) / seeds);
            assertThat(mean[i]).as("feature %d", i).isCloseTo(exact[i], within(4 * standardError + 1e-12));
        }
    }

    @Test
    void eachExplanationScoresAllItsRowsInOneCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger rows = new AtomicInteger();
        ProbabilityFunction counting = batch -> {
            calls.incrementAndGet();
            rows.addAndGet(batch.length);
            return batch(INTERACTING).probabilities(batch);
        };

        new ExactShapley(randomRows(32, 5)).explain(randomRow(5), counting);
        assertThat(calls).hasValue(1);
        assertThat(rows).hasValue(1 + 32 + 30 * 32);

        new PermutationShapley(randomRows(32, 13), 2, 1).explain(randomRow(13), counting);
        assertThat(calls).hasValue(2);
        assertThat(rows).hasValue(1 + 32 + 30 * 32 + 1 + 32 + 32 * 2 * 12);
    }

    @Test
    void smallSetsAreExplainedExactlyAndLargerOnesByTheEstimator() {
        assertThat(ShapleyExplainer.forBackground(randomRows(4, 5), 2, 1)).isInstanceOf(ExactShapley.class);
        assertThat(ShapleyExplainer.forBackground(randomRows(4, 13), 2, 1)).isInstanceOf(PermutationShapley.class);
    }

    private static ProbabilityFunction batch(ToDoubleFunction<float[]> f) {
        return rows -> Arrays.stream(rows).mapToDouble(f).toArray();
    }

    private float[] randomRow(int width) {
        float[] row = new float[width];
        for (int i = 0; i < width; i++) {
            row[i] = (float) random.nextGaussian();
        }
        return row;
    }

    private float[][] randomRows(int count, int width) {
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = randomRow(width);
        }
        return rows;
    }
}

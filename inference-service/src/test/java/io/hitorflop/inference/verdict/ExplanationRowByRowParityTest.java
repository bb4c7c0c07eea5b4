package io.hitorflop.inference.verdict;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.inference.explanation.Attribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An explanation scores its rows in one batch: each distinct row once through every model, the
 * KNN's search bounded from the previous row's neighbours. Scoring every row on its own (a batch
 * of one: nothing shared, the KNN's unbounded search) must give exactly the same values, bit for bit.
 */
class ExplanationRowByRowParityTest {

    private static ModelRegistry packagedModels;

    @BeforeAll
    static void loadPackagedModels() throws Exception {
        packagedModels = new ModelRegistry(VerdictMakerTest.config(Optional.empty()), new ObjectMapper());
    }

    @AfterAll
    static void closeModels() {
        packagedModels.close();
    }

    @ParameterizedTest
    @EnumSource(FeatureSet.class)
    void theBatchedExplanationEqualsTheOneScoredRowByRow(FeatureSet set) throws Exception {
        Ensemble ensemble = packagedModels.ensemble(set);
        float[] song = KnnParityTest.drawn(set, new Random(7));

        Attribution batched = ensemble.explain(song);
        Attribution rowByRow = ensemble.explainer().explain(song, rows -> {
            double[] probabilities = new double[rows.length];
            for (int row = 0; row < rows.length; row++) {
                probabilities[row] = ensemble.reportedProbabilities(new float[][] {rows[row]})[0];
            }
            return probabilities;
        });

        assertThat(batched.probability()).isEqualTo(rowByRow.probability());
        assertThat(batched.baseline()).isEqualTo(rowByRow.baseline());
        assertThat(batched.values()).containsExactly(rowByRow.values());
    }
}

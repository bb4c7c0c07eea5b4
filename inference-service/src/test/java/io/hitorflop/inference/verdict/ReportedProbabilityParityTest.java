package io.hitorflop.inference.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Held-back rows the training run wrote with the probability it computed for them
 * ({@code parity/<set>.json}, training's {@code ParitySample}): the packaged models must report
 * the same probability to within {@value #TOLERANCE}.
 */
class ReportedProbabilityParityTest {

    private static final double TOLERANCE = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelRegistry packagedModels;

    @BeforeAll
    static void loadPackagedModels() throws Exception {
        packagedModels = new ModelRegistry(VerdictMakerTest.config(Optional.empty()), JSON);
    }

    @AfterAll
    static void closeModels() {
        packagedModels.close();
    }

    @ParameterizedTest
    @EnumSource(FeatureSet.class)
    void theServiceReportsTheProbabilityTrainingComputedForHeldBackRows(FeatureSet set) throws Exception {
        JsonNode sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("parity/" + set.id() + ".json")) {
            assertThat(in).as("parity sample for %s (written by the training run)", set.id()).isNotNull();
            sample = JSON.readTree(in);
        }
        Ensemble ensemble = packagedModels.ensemble(set);
        assertThat(sample.path("modelVersion").asText()).as("the sample belongs to the packaged models")
                .isEqualTo(ensemble.version());
        assertThat(JSON.convertValue(sample.path("features"), String[].class)).containsExactlyElementsOf(set.names());
        float[][] rows = JSON.convertValue(sample.path("rows"), float[][].class);
        double[] expected = JSON.convertValue(sample.path("reportedProbability"), double[].class);
        assertThat(rows.length).isEqualTo(expected.length).isPositive();

        double[] actual = ensemble.reportedProbabilities(rows);

        for (int row = 0; row < rows.length; row++) {
            assertThat(actual[row]).as("%s held-back row %d", set.id(), row).isCloseTo(expected[row], within(TOLERANCE));
        }
    }
}

package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.inference.explanation.Attribution;
import io.hitorflop.inference.explanation.ExactShapley;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far the permutation estimate of the shipped {@code spotify} set is from the exact values
 * (all 8,192 coalitions, 262,113 rows per song): the error bound the inference README states.
 * A measurement, not a CI test: the exact values cost minutes of CPU per song (the KNN alone
 * scores every row), so it runs only with {@code -Dhitorflop.measure=true}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "hitorflop.measure", matches = "true")
class ShapleyEstimateErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SONGS = 2;
    /** The bound the README states for one value of the estimate (probability points). */
    private static final double MAX_ABSOLUTE_ERROR = 0.02;

    @Test
    void theSpotifyEstimateStaysWithinTheStatedBoundOfTheExactValues() throws Exception {
        ModelFiles files = new ModelFiles(Optional.empty());
        ModelCard card = JSON.readValue(files.read("spotify/" + ModelCard.FILE_NAME), ModelCard.class);
        float[][] background = JSON.readValue(files.read("spotify/" + card.explanationBackground().file()),
                EnsembleLoader.Background.class).rows();
        Random random = new Random(11);
        double largest = 0;
        double sumOfSquares = 0;
        int values = 0;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             Ensemble spotify = new EnsembleLoader(files, JSON, OrtEnvironment.getEnvironment(), options)
                     .load(FeatureSet.SPOTIFY)) {
            ExactShapley exact = new ExactShapley(background);
            for (int song = 0; song < SONGS; song++) {
                float[] vector = background[random.nextInt(background.length)].clone();
                float[] other = background[random.nextInt(background.length)];
                for (int j = 0; j < vector.length; j++) {
                    if (random.nextBoolean()) {
                        vector[j] = other[j];
                    }
                }
                Attribution truth = exact.explain(vector, spotify::reportedProbabilities);
                Attribution estimate = spotify.explain(vector);
                assertThat(estimate.baseline()).isEqualTo(truth.baseline());
                for (int j = 0; j < vector.length; j++) {
                    double error = Math.abs(estimate.values()[j] - truth.values()[j]);
                    largest = Math.max(largest, error);
                    sumOfSquares += error * error;
                    values++;
                }
            }
        }
        System.out.printf("spotify permutation estimate vs exact over %d songs: max |error| %.4f, RMS %.4f%n",
                SONGS, largest, Math.sqrt(sumOfSquares / values));
        assertThat(largest).isLessThanOrEqualTo(MAX_ABSOLUTE_ERROR);
    }
}

package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureSpec;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.inference.explanation.ShapleyExplainer;
import io.hitorflop.inference.neighbours.ReferenceTracks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KNN scored in Java over the reference tracks predicts exactly what the shipped KNN graph
 * predicts, on the kinds of rows an explanation makes it score.
 */
class KnnParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_KIND = 400;
    /** The ONNX graph holds a distance per training row for each row of a batch: keep batches small. */
    private static final int ONNX_BATCH = 25;

    @ParameterizedTest
    @EnumSource(FeatureSet.class)
    void theJavaKnnGivesTheGraphsProbabilityAndLabelOnEveryRow(FeatureSet set) throws Exception {
        ModelFiles files = new ModelFiles(Optional.empty());
        ModelCard card = JSON.readValue(files.read(set.id() + "/" + ModelCard.FILE_NAME), ModelCard.class);
        ModelCard.Model knn = card.models().stream().filter(m -> m.name().equals(ModelNames.KNN)).findFirst().orElseThrow();
        ReferenceTracks tracks = ReferenceTracks.read(files.read(set.id() + "/" + card.referenceTracks().file()), JSON,
                set.names());
        KnnClassifier java = new KnnClassifier(ModelNames.KNN, tracks,
                ((Number) knn.hyperparameters().get("k")).intValue());
        float[][] rows = rows(set, files, card);

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OnnxClassifier graph = new OnnxClassifier(ModelNames.KNN, environment,
                     environment.createSession(files.read(set.id() + "/" + knn.file()), options))) {
            ClassifierOutput fromJava = java.score(rows);
            for (int from = 0; from < rows.length; from += ONNX_BATCH) {
                float[][] batch = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + ONNX_BATCH));
                ClassifierOutput fromGraph = graph.score(batch);
                for (int i = 0; i < batch.length; i++) {
                    assertThat(fromJava.pHit()[from + i]).as("row %d", from + i).isEqualTo(fromGraph.pHit()[i]);
                    assertThat(fromJava.hit()[from + i]).as("row %d", from + i).isEqualTo(fromGraph.hit()[i]);
                }
            }
        }
    }

    /**
     * The rows an explanation scores: the background rows (training rows, so exact duplicates of
     * reference tracks, at distance 0), mixtures of two of them, vectors drawn across each
     * feature's range, mixtures of those with a background row, and all rows of one song's
     * explanation in the explainer's order (the KNN bounds adjacent rows together).
     */
    private static float[][] rows(FeatureSet set, ModelFiles files, ModelCard card) throws Exception {
        Random random = new Random(42);
        float[][] background = JSON.readValue(files.read(set.id() + "/" + card.explanationBackground().file()),
                EnsembleLoader.Background.class).rows();
        float[][] explanationRows = explanationRows(drawn(set, random), background, card.seed());
        float[][] rows = new float[background.length + 3 * ROWS_PER_KIND + explanationRows.length][];
        System.arraycopy(background, 0, rows, 0, background.length);
        int next = background.length;
        for (int i = 0; i < ROWS_PER_KIND; i++) {
            float[] drawn = drawn(set, random);
            rows[next++] = drawn;
            rows[next++] = mixture(background[random.nextInt(background.length)],
                    background[random.nextInt(background.length)], random);
            rows[next++] = mixture(drawn, background[random.nextInt(background.length)], random);
        }
        System.arraycopy(explanationRows, 0, rows, next, explanationRows.length);
        return rows;
    }

    /** A vector drawn uniformly across each feature's range (integral features rounded). */
    static float[] drawn(FeatureSet set, Random random) {
        float[] drawn = new float[set.names().size()];
        for (int j = 0; j < drawn.length; j++) {
            FeatureSpec spec = set.features().get(j);
            double value = spec.min() + random.nextDouble() * (spec.max() - spec.min());
            drawn[j] = (float) (spec.integral() ? Math.round(value) : value);
        }
        return drawn;
    }

    private static float[][] explanationRows(float[] song, float[][] background, long seed) throws Exception {
        List<float[][]> scored = new ArrayList<>();
        ShapleyExplainer.forBackground(background, EnsembleLoader.PERMUTATIONS_PER_BACKGROUND_ROW, seed)
                .explain(song, rows -> {
                    scored.add(rows);
                    return new double[rows.length];
                });
        return scored.get(0);
    }

    private static float[] mixture(float[] first, float[] second, Random random) {
        float[] mixed = first.clone();
        for (int j = 0; j < mixed.length; j++) {
            if (random.nextBoolean()) {
                mixed[j] = second[j];
            }
        }
        return mixed;
    }
}

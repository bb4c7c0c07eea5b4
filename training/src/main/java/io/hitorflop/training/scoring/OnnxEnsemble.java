package io.hitorflop.training.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.learners.Scores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One feature set's shipped models run with ONNX Runtime, as the inference service runs them.
 * Rows go through in small batches because the KNN graph holds an [N, M, F] difference tensor.
 */
public final class OnnxEnsemble implements AutoCloseable {

    /**
     * How far ONNX Runtime's P(HIT) may be from the in-JVM model's: the graphs compute in float32
     * where the JVM models use double (the parity test holds every shipped model to it).
     */
    public static final double PARITY_TOLERANCE = 1e-5;

    private static final int BATCH = 32;

    private final ModelCard card;
    private final Map<String, OrtSession> sessions = new LinkedHashMap<>();

    public OnnxEnsemble(Path setDirectory) {
        try {
            card = new ObjectMapper().readValue(setDirectory.resolve(ModelCard.FILE_NAME).toFile(), ModelCard.class);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                for (ModelCard.Model model : card.models()) {
                    sessions.put(model.name(), env.createSession(Files.readAllBytes(setDirectory.resolve(model.file())), options));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read models in " + setDirectory, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the models in " + setDirectory, e);
        }
    }

    public ModelCard card() {
        return card;
    }

    /** Each model's scores, in card order. */
    public Map<String, Scores> score(float[][] rows) {
        Map<String, Scores> out = new LinkedHashMap<>();
        sessions.forEach((name, session) -> out.put(name, score(session, rows)));
        return out;
    }

    private static Scores score(OrtSession session, float[][] rows) {
        double[] hit = new double[rows.length];
        int[] label = new int[rows.length];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int width = rows.length == 0 ? 0 : rows[0].length;
        for (int start = 0; start < rows.length; start += BATCH) {
            int n = Math.min(BATCH, rows.length - start);
            FloatBuffer buffer = FloatBuffer.allocate(n * width);
            for (int i = 0; i < n; i++) {
                buffer.put(rows[start + i]);
            }
            buffer.flip();
            try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[]{n, width});
                 OrtSession.Result result = session.run(Map.of(ModelNames.INPUT, input))) {
                long[] labels = (long[]) result.get(ModelNames.OUTPUT_LABEL).orElseThrow().getValue();
                float[][] probabilities = (float[][]) result.get(ModelNames.OUTPUT_PROBABILITIES).orElseThrow().getValue();
                for (int i = 0; i < n; i++) {
                    label[start + i] = (int) labels[i];
                    hit[start + i] = probabilities[i][1];
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to score", e);
            }
        }
        return new Scores(hit, label);
    }

    @Override
    public void close() {
        for (OrtSession session : sessions.values()) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

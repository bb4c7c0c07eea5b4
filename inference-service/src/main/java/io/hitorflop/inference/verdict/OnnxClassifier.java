package io.hitorflop.inference.verdict;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.hitorflop.contract.models.ModelNames;

import java.util.Map;
import java.util.Set;

/**
 * One ONNX binary classifier behind the graph interface of {@link ModelNames}: input
 * {@code features} float32 [N,F], outputs {@code label} int64 [N] and {@code probabilities}
 * float32 [N,2]. The session is created once and shared: {@link OrtSession#run} is thread-safe.
 */
public final class OnnxClassifier implements Classifier {

    private final String name;
    private final OrtEnvironment environment;
    private final OrtSession session;

    OnnxClassifier(String name, OrtEnvironment environment, OrtSession session) {
        this.name = name;
        this.environment = environment;
        this.session = session;
        requireInterface();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClassifierOutput score(float[][] rows) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(environment, rows);
             OrtSession.Result result = session.run(Map.of(ModelNames.INPUT, input),
                     Set.of(ModelNames.OUTPUT_LABEL, ModelNames.OUTPUT_PROBABILITIES))) {
            long[] labels = (long[]) value(result, ModelNames.OUTPUT_LABEL);
            float[][] probabilities = (float[][]) value(result, ModelNames.OUTPUT_PROBABILITIES);
            boolean[] hit = new boolean[rows.length];
            double[] pHit = new double[rows.length];
            for (int row = 0; row < rows.length; row++) {
                hit[row] = labels[row] == 1;
                pHit[row] = probabilities[row][1];
                if (!(pHit[row] >= 0 && pHit[row] <= 1)) {
                    throw new ModelOutputException(name + " answered P(HIT) = " + pHit[row]
                            + ", which is not a probability");
                }
            }
            return new ClassifierOutput(hit, pHit);
        }
    }

    private Object value(OrtSession.Result result, String output) throws OrtException {
        OnnxValue value = result.get(output)
                .orElseThrow(() -> new ModelSetException(name + " produced no '" + output + "' output"));
        return value.getValue();
    }

    private void requireInterface() {
        if (!session.getInputNames().equals(Set.of(ModelNames.INPUT))) {
            throw new ModelSetException(name + ": expected the single input '" + ModelNames.INPUT + "', found "
                    + session.getInputNames());
        }
        if (!session.getOutputNames().containsAll(Set.of(ModelNames.OUTPUT_LABEL, ModelNames.OUTPUT_PROBABILITIES))) {
            throw new ModelSetException(name + ": expected outputs '" + ModelNames.OUTPUT_LABEL + "' and '"
                    + ModelNames.OUTPUT_PROBABILITIES + "', found " + session.getOutputNames());
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}

package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;

/** One of the ensemble's models: a batch of feature rows in, each row's label and P(HIT) out. */
public interface Classifier extends AutoCloseable {

    String name();

    /** Scores all {@code rows} in one call. */
    ClassifierOutput score(float[][] rows) throws OrtException;

    @Override
    void close() throws OrtException;
}

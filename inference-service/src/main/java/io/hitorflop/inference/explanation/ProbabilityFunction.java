package io.hitorflop.inference.explanation;

import ai.onnxruntime.OrtException;

/**
 * The function a verdict's explanation explains: the probability the verdict reports, for a batch
 * of feature rows (in the feature set's order). Called once per explanation with every row it
 * needs, so each model runs once per explanation.
 */
@FunctionalInterface
public interface ProbabilityFunction {

    double[] probabilities(float[][] rows) throws OrtException;
}

package io.hitorflop.training.learners;

/**
 * Per-row outputs of one model.
 *
 * @param hitProbability P(HIT)
 * @param label          1 = HIT, 0 = FLOP, as the model itself decides it
 */
public record Scores(double[] hitProbability, int[] label) {
}

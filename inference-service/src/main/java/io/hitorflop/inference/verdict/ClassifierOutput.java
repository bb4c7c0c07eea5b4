package io.hitorflop.inference.verdict;

/**
 * One model's answers for a batch of rows.
 *
 * @param hit  per row, whether the model's own label is HIT
 * @param pHit per row, the model's probability of HIT
 */
public record ClassifierOutput(boolean[] hit, double[] pHit) {
}

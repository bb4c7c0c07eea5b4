package io.hitorflop.inference.explanation;

/**
 * Shapley values of one song: {@code probability = baseline + sum(values)}.
 *
 * @param probability the explained function at the song
 * @param baseline    its mean over the background set (the value of the empty coalition)
 * @param values      one Shapley value per feature, in the feature set's order
 */
public record Attribution(double probability, double baseline, double[] values) {
}

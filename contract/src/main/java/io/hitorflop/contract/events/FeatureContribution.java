package io.hitorflop.contract.events;

/**
 * How much one feature moved the ensemble's HIT probability; positive pushes towards HIT. Since
 * schema 2 the feature's interventional Shapley value against the model set's background set (the
 * contributions of a verdict sum to its probability minus its {@code explanationBaseline}); in
 * schema 1 the probability with the song's value minus the probability with the training median.
 *
 * @param baseline the training median of the feature, a typical value to compare the song's with
 */
public record FeatureContribution(String feature, double value, double baseline, double contribution) {
}

package io.hitorflop.contract.events;

/**
 * How much one feature moved the ensemble's HIT probability: the probability with the song's
 * value minus the probability with the value replaced by the training baseline. Positive pushes
 * towards HIT.
 */
public record FeatureContribution(String feature, double value, double baseline, double contribution) {
}

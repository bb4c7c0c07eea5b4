package io.hitorflop.contract.events;

/**
 * One model's view of a song.
 *
 * @param model       e.g. {@code random_forest}
 * @param label       the model's own label
 * @param probability the model's probability of HIT
 */
public record ModelVote(String model, Verdict.Label label, double probability) {
}

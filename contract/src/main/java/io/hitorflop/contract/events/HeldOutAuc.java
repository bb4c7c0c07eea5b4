package io.hitorflop.contract.events;

/**
 * How well the model set that gave a verdict ranks songs, measured on data it was not fitted on:
 * the ROC AUC of the ensemble's soft probability on the held-out test part (whole artists kept
 * out), with its 95 % interval (bootstrap over artist groups), as the model card states it.
 *
 * @param value     the AUC: the chance that a hit scores above a flop (0.5 is a coin)
 * @param ci95Low   lower end of the 95 % interval
 * @param ci95High  upper end of the 95 % interval
 */
public record HeldOutAuc(double value, double ci95Low, double ci95High) {
}

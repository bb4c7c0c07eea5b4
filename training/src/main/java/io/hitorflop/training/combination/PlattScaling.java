package io.hitorflop.training.combination;

import io.hitorflop.contract.models.ReportedProbability;

/**
 * Platt scaling (Platt, "Probabilistic outputs for support vector machines", 1999): a logistic
 * regression of the label on one score, fitted to Platt's smoothed targets
 * {@code (N+ + 1) / (N+ + 2)} for positives and {@code 1 / (N- + 2)} for negatives, which keep the
 * fit finite even when the score separates the classes.
 */
public final class PlattScaling {

    public static ReportedProbability.Calibration fit(double[] scores, int[] labels) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int negatives = labels.length - positives;
        double positiveTarget = (positives + 1.0) / (positives + 2.0);
        double negativeTarget = 1.0 / (negatives + 2.0);
        double[][] x = new double[scores.length][];
        double[] targets = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            x[i] = new double[]{scores[i]};
            targets[i] = labels[i] == 1 ? positiveTarget : negativeTarget;
        }
        double[] beta = LogisticRegression.fit(x, targets);
        return ReportedProbability.Calibration.platt(beta[0], beta[1]);
    }

    private PlattScaling() {
    }
}

package io.hitorflop.contract.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * How the verdict's probability and label are made from the five members' P(HIT), as the card
 * states it: the combined score {@code z = sum of weights[m] * P_m(HIT)} over
 * {@link ModelNames#ALL}, the reported probability {@code calibration(z)}, and HIT when that
 * probability is at least {@code threshold}. Training chooses all three on the training part's
 * out-of-fold predictions and evaluates with this class; the inference service applies it, so
 * both compute the same number.
 *
 * @param combination the chosen combination's name (e.g. {@code soft_vote}, {@code stacking}, {@code xgboost})
 * @param weights     per member name, its weight in the combined score
 * @param calibration the map from the combined score to a calibrated P(HIT)
 * @param threshold   reported probability at or above which the label is HIT
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportedProbability(String combination, Map<String, Double> weights, Calibration calibration,
                                  double threshold) {

    /** The calibrated P(HIT) of one row, from its members' P(HIT) in {@link ModelNames#ALL} order. */
    public double of(double[] memberHitProbabilities) {
        if (memberHitProbabilities.length != ModelNames.ALL.size()) {
            throw new IllegalArgumentException("expected " + ModelNames.ALL.size() + " member probabilities, got "
                    + memberHitProbabilities.length);
        }
        double combined = 0;
        for (int member = 0; member < memberHitProbabilities.length; member++) {
            combined += weights.get(ModelNames.ALL.get(member)) * memberHitProbabilities[member];
        }
        return calibration.apply(combined);
    }

    public boolean saysHit(double reportedProbability) {
        return reportedProbability >= threshold;
    }

    /** @throws IllegalArgumentException when the card's map cannot be applied to the five members */
    public void requireUsable() {
        if (weights == null || !weights.keySet().equals(java.util.Set.copyOf(ModelNames.ALL))
                || weights.values().stream().anyMatch(w -> w == null || !Double.isFinite(w))) {
            throw new IllegalArgumentException("weights " + weights + " must give a finite weight to each of " + ModelNames.ALL);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold is " + threshold + ", not a probability");
        }
        if (calibration == null) {
            throw new IllegalArgumentException("no calibration");
        }
        calibration.requireUsable();
    }

    /**
     * A monotone map from the combined score to P(HIT).
     *
     * @param method    {@code PLATT}: {@code 1 / (1 + exp(-(slope * z + intercept)))} (Platt 1999);
     *                  {@code ISOTONIC}: linear interpolation between {@code knots} (ascending z)
     *                  and {@code values} (non-decreasing P), constant beyond the ends (the
     *                  pool-adjacent-violators fit, Ayer et al. 1955, as scikit-learn interpolates it)
     * @param slope     Platt only
     * @param intercept Platt only
     * @param knots     isotonic only: combined scores, ascending
     * @param values    isotonic only: P(HIT) at each knot, non-decreasing
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Calibration(Method method, double slope, double intercept, List<Double> knots, List<Double> values) {

        public enum Method {
            PLATT,
            ISOTONIC
        }

        public static Calibration platt(double slope, double intercept) {
            return new Calibration(Method.PLATT, slope, intercept, List.of(), List.of());
        }

        public static Calibration isotonic(List<Double> knots, List<Double> values) {
            return new Calibration(Method.ISOTONIC, 0, 0, List.copyOf(knots), List.copyOf(values));
        }

        public double apply(double combined) {
            if (method == Method.PLATT) {
                return 1 / (1 + Math.exp(-(slope * combined + intercept)));
            }
            int last = knots.size() - 1;
            if (combined <= knots.get(0)) {
                return values.get(0);
            }
            if (combined >= knots.get(last)) {
                return values.get(last);
            }
            int low = 0;
            int high = last;
            while (high - low > 1) {
                int middle = (low + high) >>> 1;
                if (knots.get(middle) <= combined) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            double x0 = knots.get(low);
            double x1 = knots.get(high);
            double y0 = values.get(low);
            return x1 == x0 ? y0 : y0 + (values.get(high) - y0) * (combined - x0) / (x1 - x0);
        }

        void requireUsable() {
            if (method == null) {
                throw new IllegalArgumentException("calibration has no method");
            }
            if (method == Method.PLATT) {
                if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
                    throw new IllegalArgumentException("Platt slope " + slope + " / intercept " + intercept + " not finite");
                }
                return;
            }
            if (knots == null || values == null || knots.isEmpty() || knots.size() != values.size()) {
                throw new IllegalArgumentException("isotonic calibration needs as many values as knots, at least one");
            }
            for (int i = 0; i < knots.size(); i++) {
                double p = values.get(i);
                if (!(p >= 0 && p <= 1) || !Double.isFinite(knots.get(i))) {
                    throw new IllegalArgumentException("isotonic knot " + i + " is (" + knots.get(i) + ", " + p + ")");
                }
                if (i > 0 && (knots.get(i) < knots.get(i - 1) || p < values.get(i - 1))) {
                    throw new IllegalArgumentException("isotonic knots and values must not decrease (at " + i + ")");
                }
            }
        }
    }
}

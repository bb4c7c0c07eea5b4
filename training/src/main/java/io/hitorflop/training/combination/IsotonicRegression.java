package io.hitorflop.training.combination;

import io.hitorflop.contract.models.ReportedProbability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The non-decreasing step function closest in squared error to the labels, by the
 * pool-adjacent-violators algorithm (Ayer, Brunk, Ewing, Reid &amp; Silverman, Ann. Math. Statist.
 * 26, 1955; Zadrozny &amp; Elkan, KDD 2002, for calibration). Each pooled block becomes two knots
 * (its lowest and highest score), interpolated linearly between blocks as scikit-learn's
 * {@code IsotonicRegression} does.
 */
public final class IsotonicRegression {

    public static ReportedProbability.Calibration fit(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Blocks as parallel stacks: lowest score, highest score, label sum, row count.
        double[] low = new double[scores.length];
        double[] high = new double[scores.length];
        double[] sum = new double[scores.length];
        double[] count = new double[scores.length];
        int blocks = 0;
        for (int rank = 0; rank < order.length; rank++) {
            int row = order[rank];
            if (blocks > 0 && high[blocks - 1] == scores[row]) {
                // Equal scores must get equal probabilities: they join the block they tie with.
                sum[blocks - 1] += labels[row];
                count[blocks - 1]++;
            } else {
                low[blocks] = scores[row];
                high[blocks] = scores[row];
                sum[blocks] = labels[row];
                count[blocks] = 1;
                blocks++;
            }
            while (blocks > 1 && sum[blocks - 2] / count[blocks - 2] >= sum[blocks - 1] / count[blocks - 1]) {
                high[blocks - 2] = high[blocks - 1];
                sum[blocks - 2] += sum[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        List<Double> knots = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            double mean = sum[b] / count[b];
            knots.add(low[b]);
            values.add(mean);
            if (high[b] > low[b]) {
                knots.add(high[b]);
                values.add(mean);
            }
        }
        return ReportedProbability.Calibration.isotonic(knots, values);
    }

    private IsotonicRegression() {
    }
}

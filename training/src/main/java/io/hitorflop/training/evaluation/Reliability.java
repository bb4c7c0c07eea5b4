package io.hitorflop.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a probability is calibrated: the reliability diagram's bins (DeGroot &amp; Fienberg,
 * The Statistician 32, 1983), the expected calibration error over {@value #BINS} equal-width bins
 * (Naeini, Cooper &amp; Hauskrecht, AAAI 2015: the row-weighted mean of |mean predicted - observed
 * rate|) and the Brier score (Brier 1950: mean squared error of the probability).
 *
 * @param bins only the bins that hold rows, lowest first
 */
public record Reliability(List<Bin> bins, double expectedCalibrationError, double brier) {

    public static final int BINS = 10;

    /**
     * @param low           the bin's lower edge (inclusive)
     * @param high          the bin's upper edge (exclusive, but 1 belongs to the last bin)
     * @param rows          rows whose probability falls in the bin
     * @param meanPredicted their mean probability
     * @param observed      the share of them that are HIT
     */
    public record Bin(double low, double high, int rows, double meanPredicted, double observed) {
    }

    public static Reliability of(int[] truth, double[] probability) {
        int[] rows = new int[BINS];
        double[] predicted = new double[BINS];
        double[] hits = new double[BINS];
        for (int i = 0; i < truth.length; i++) {
            int bin = Math.min(BINS - 1, (int) Math.floor(probability[i] * BINS));
            rows[bin]++;
            predicted[bin] += probability[i];
            hits[bin] += truth[i];
        }
        List<Bin> bins = new ArrayList<>();
        double error = 0;
        for (int b = 0; b < BINS; b++) {
            if (rows[b] == 0) {
                continue;
            }
            double meanPredicted = predicted[b] / rows[b];
            double observed = hits[b] / rows[b];
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, rows[b], meanPredicted, observed));
            error += (double) rows[b] / truth.length * Math.abs(meanPredicted - observed);
        }
        return new Reliability(List.copyOf(bins), error, brier(truth, probability));
    }

    public static double brier(int[] truth, double[] probability) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += (probability[i] - truth[i]) * (probability[i] - truth[i]);
        }
        return sum / truth.length;
    }
}

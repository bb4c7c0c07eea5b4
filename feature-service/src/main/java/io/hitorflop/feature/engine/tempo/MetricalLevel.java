package io.hitorflop.feature.engine.tempo;

import java.util.Arrays;

/**
 * Chooses between metrical levels an octave apart (the autocorrelation supports a period and its
 * double almost equally): the onset envelope is folded at the slower period in 8 s windows, and the
 * strength halfway between the slower beats is compared with the strength on them (both above the
 * fold's floor, median over the windows). When the halfway onsets are at least
 * {@value #HALFWAY_SHARE} as strong, they are beats too and the faster level is the tempo; when they
 * are weaker, they are off-beats (eighths, hi-hats) and the slower level is.
 */
final class MetricalLevel {

    static final double HALFWAY_SHARE = 0.5;
    private static final double WINDOW_SECONDS = 8.0;

    private MetricalLevel() {
    }

    static double choose(double[] envelope, double framesPerSecond, double bpm, double minBpm, double maxBpm) {
        double chosen = bpm;
        while (chosen * 2 <= maxBpm && halfwayShare(envelope, framesPerSecond, chosen) >= HALFWAY_SHARE) {
            chosen *= 2;
        }
        if (chosen != bpm) {
            return chosen;
        }
        while (chosen / 2 >= minBpm && halfwayShare(envelope, framesPerSecond, chosen / 2) < HALFWAY_SHARE) {
            chosen /= 2;
        }
        return chosen;
    }

    /** Median over windows of (strength halfway between beats) / (strength on the beats) at the given tempo. */
    static double halfwayShare(double[] envelope, double framesPerSecond, double bpm) {
        double period = 60.0 * framesPerSecond / bpm;
        int bins = Math.max(4, (int) Math.round(period));
        int window = (int) Math.max(2 * period, Math.round(WINDOW_SECONDS * framesPerSecond));
        int windows = Math.max(1, envelope.length / window);
        double[] shares = new double[windows];
        int counted = 0;
        double[] sums = new double[bins];
        int[] counts = new int[bins];
        for (int w = 0; w < windows; w++) {
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            int end = Math.min(envelope.length, (w + 1) * window);
            for (int t = w * window; t < end; t++) {
                int bin = (int) ((t % period) / period * bins) % bins;
                sums[bin] += envelope[t];
                counts[bin]++;
            }
            double floor = Double.MAX_VALUE;
            int peak = 0;
            double[] means = new double[bins];
            for (int b = 0; b < bins; b++) {
                means[b] = counts[b] == 0 ? 0 : sums[b] / counts[b];
                floor = Math.min(floor, means[b]);
                if (means[b] > means[peak]) {
                    peak = b;
                }
            }
            double onBeat = means[peak] - floor;
            if (onBeat <= 0) {
                continue;
            }
            double halfway = 0;
            for (int d = -1; d <= 1; d++) {
                halfway = Math.max(halfway, means[Math.floorMod(peak + bins / 2 + d, bins)] - floor);
            }
            shares[counted++] = halfway / onBeat;
        }
        if (counted == 0) {
            return 0;
        }
        double[] valid = Arrays.copyOf(shares, counted);
        Arrays.sort(valid);
        return valid[counted / 2];
    }
}

package io.hitorflop.feature.engine.tempo;

/**
 * Onsets by peak picking on the onset-strength envelope (Böck, Krebs &amp; Schedl 2012, the rule
 * librosa's {@code onset_detect} uses): a frame is an onset when it is the maximum within ±30 ms,
 * exceeds the mean within -100/+100 ms by 7 % of the envelope's maximum, and comes at least 30 ms
 * after the previous onset.
 */
public final class OnsetDetector {

    private static final double MAX_WINDOW_SECONDS = 0.03;
    private static final double MEAN_WINDOW_SECONDS = 0.10;
    private static final double DELTA = 0.07;
    private static final double WAIT_SECONDS = 0.03;

    private OnsetDetector() {
    }

    /** @return the number of onsets in the envelope */
    public static int count(double[] envelope, double framesPerSecond) {
        double peak = 0;
        for (double v : envelope) {
            peak = Math.max(peak, v);
        }
        if (peak <= 0) {
            return 0;
        }
        int maxRadius = Math.max(1, (int) Math.round(MAX_WINDOW_SECONDS * framesPerSecond));
        int meanRadius = Math.max(1, (int) Math.round(MEAN_WINDOW_SECONDS * framesPerSecond));
        int wait = Math.max(1, (int) Math.round(WAIT_SECONDS * framesPerSecond));
        int onsets = 0;
        int lastOnset = Integer.MIN_VALUE / 2;
        for (int t = 0; t < envelope.length; t++) {
            double value = envelope[t] / peak;
            if (t - lastOnset <= wait || !isLocalMaximum(envelope, t, maxRadius)) {
                continue;
            }
            if (value >= localMean(envelope, t, meanRadius) / peak + DELTA) {
                onsets++;
                lastOnset = t;
            }
        }
        return onsets;
    }

    private static boolean isLocalMaximum(double[] envelope, int t, int radius) {
        for (int k = Math.max(0, t - radius); k <= Math.min(envelope.length - 1, t + radius); k++) {
            if (envelope[k] > envelope[t]) {
                return false;
            }
        }
        return true;
    }

    private static double localMean(double[] envelope, int t, int radius) {
        int from = Math.max(0, t - radius);
        int to = Math.min(envelope.length - 1, t + radius);
        double sum = 0;
        for (int k = from; k <= to; k++) {
            sum += envelope[k];
        }
        return sum / (to - from + 1);
    }
}

package io.hitorflop.feature.engine.tempo;

/**
 * Global tempo from the onset-strength envelope by periodicity analysis: the autocorrelation of the
 * mean-removed envelope (lags up to 8 s, unbiased) is scored for each candidate beat period by a
 * comb that averages it at every multiple of the period (so the estimate is precise to far less
 * than one frame), weighted by a log-normal tempo prior around 120 BPM (as in Ellis 2007 and
 * librosa, but two octaves wide). Of two metrical levels an octave apart the faster is kept when
 * its weighted score is at least 90 % of the slower one's: a steady pulse supports both periods
 * equally, and the beat is the shortest of them.
 */
public final class TempoEstimator {

    public static final double MIN_BPM = 40.0;
    public static final double MAX_BPM = 240.0;

    private static final double STEP_BPM = 0.05;
    private static final double PRIOR_CENTRE_BPM = 120.0;
    private static final double PRIOR_OCTAVES = 2.0;
    private static final double MAX_LAG_SECONDS = 8.0;
    private static final double FASTER_LEVEL_SHARE = 0.9;
    private static final double OCTAVE_TOLERANCE = 0.03;

    private TempoEstimator() {
    }

    /** @return the tempo in BPM, or 0 when the envelope has no periodicity (silence, noise without pulses) */
    public static double estimate(double[] envelope, double framesPerSecond) {
        int maxLag = (int) Math.min(envelope.length - 1, Math.round(MAX_LAG_SECONDS * framesPerSecond));
        double minPeriodFrames = 60.0 * framesPerSecond / MAX_BPM;
        if (maxLag < 2 * minPeriodFrames) {
            return 0;
        }
        double[] acf = autocorrelation(envelope, maxLag);
        if (acf == null) {
            return 0;
        }
        int candidates = (int) Math.round((MAX_BPM - MIN_BPM) / STEP_BPM) + 1;
        double[] score = new double[candidates];
        int best = -1;
        for (int i = 0; i < candidates; i++) {
            double bpm = MIN_BPM + i * STEP_BPM;
            score[i] = Math.max(0, comb(acf, 60.0 * framesPerSecond / bpm)) * prior(bpm);
            if (best < 0 || score[i] > score[best]) {
                best = i;
            }
        }
        if (score[best] <= 0) {
            return 0;
        }
        int chosen = best;
        int faster;
        while ((faster = strongestNear(score, bpmOf(chosen) * 2)) >= 0 && score[faster] >= FASTER_LEVEL_SHARE * score[chosen]) {
            chosen = faster;
        }
        return bpmOf(chosen);
    }

    private static double bpmOf(int index) {
        return MIN_BPM + index * STEP_BPM;
    }

    private static int strongestNear(double[] score, double bpm) {
        int from = (int) Math.ceil((bpm * (1 - OCTAVE_TOLERANCE) - MIN_BPM) / STEP_BPM);
        int to = (int) Math.floor((bpm * (1 + OCTAVE_TOLERANCE) - MIN_BPM) / STEP_BPM);
        from = Math.max(0, from);
        to = Math.min(score.length - 1, to);
        int strongest = -1;
        for (int i = from; i <= to; i++) {
            if (strongest < 0 || score[i] > score[strongest]) {
                strongest = i;
            }
        }
        return strongest;
    }

    /** Normalised unbiased autocorrelation of the mean-removed envelope for lags 0..maxLag; null if constant. */
    private static double[] autocorrelation(double[] envelope, int maxLag) {
        int n = envelope.length;
        double mean = 0;
        for (double v : envelope) {
            mean += v;
        }
        mean /= n;
        double[] centred = new double[n];
        for (int i = 0; i < n; i++) {
            centred[i] = envelope[i] - mean;
        }
        double[] acf = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = 0; i + lag < n; i++) {
                sum += centred[i] * centred[i + lag];
            }
            acf[lag] = sum / (n - lag);
        }
        if (acf[0] <= 1e-20) {
            return null;
        }
        double zero = acf[0];
        for (int lag = 0; lag <= maxLag; lag++) {
            acf[lag] /= zero;
        }
        return acf;
    }

    /** Mean of the autocorrelation (linearly interpolated) at every multiple of the period. */
    private static double comb(double[] acf, double periodFrames) {
        double sum = 0;
        int count = 0;
        for (double lag = periodFrames; lag <= acf.length - 1; lag += periodFrames) {
            int below = (int) lag;
            double fraction = lag - below;
            double value = below + 1 < acf.length
                    ? acf[below] * (1 - fraction) + acf[below + 1] * fraction
                    : acf[below];
            sum += value;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double prior(double bpm) {
        double octaves = Math.log(bpm / PRIOR_CENTRE_BPM) / Math.log(2) / PRIOR_OCTAVES;
        return Math.exp(-0.5 * octaves * octaves);
    }
}

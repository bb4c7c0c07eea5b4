package io.hitorflop.feature.engine.tempo;

/**
 * Global tempo from the onset-strength envelope by periodicity analysis: the autocorrelation of the
 * mean-removed envelope (lags up to 8 s and half the track, unbiased) is scored for each candidate beat period by a
 * comb that averages it at every multiple of the period (so the estimate is precise to far less
 * than one frame), weighted by a log-normal tempo prior around 120 BPM (as in Ellis 2007 and
 * librosa, but two octaves wide). The octave is then settled by {@link MetricalLevel} on the
 * amplitude rise: beats are where the energy accents are. A track whose best comb score (the mean
 * normalised autocorrelation at the beat multiples, its pulse strength) stays below
 * {@value #MIN_PULSE_STRENGTH} has no tempo, and so has one whose onset envelope varies by less than
 * {@value #MIN_ENVELOPE_DEVIATION} (a steady tone, where only rounding noise is periodic).
 */
public final class TempoEstimator {

    public static final double MIN_BPM = 40.0;
    public static final double MAX_BPM = 240.0;

    private static final double STEP_BPM = 0.05;
    private static final double PRIOR_CENTRE_BPM = 120.0;
    private static final double PRIOR_OCTAVES = 2.0;
    private static final double MAX_LAG_SECONDS = 8.0;
    static final double MIN_PULSE_STRENGTH = 0.1;
    static final double MIN_ENVELOPE_DEVIATION = 1e-3;

    /**
     * @param bpm           tempo in beats per minute, 0 when there is no pulse
     * @param pulseStrength mean normalised autocorrelation at the multiples of the beat period (0..1)
     */
    public record Estimate(double bpm, double pulseStrength) {
        static final Estimate NONE = new Estimate(0, 0);
    }

    private TempoEstimator() {
    }

    /**
     * @param envelope      onset strength (spectral flux), one value per frame
     * @param amplitudeRise amplitude rise per frame (see {@link OnsetStrength}), used to choose the metrical level
     */
    public static Estimate estimate(double[] envelope, double[] amplitudeRise, double framesPerSecond) {
        // At most half the envelope: an unbiased autocorrelation at longer lags averages too few
        // products, and on short clips of noise that alone made a pulse (8 s of white noise: 0.57).
        int maxLag = (int) Math.min(envelope.length / 2, Math.round(MAX_LAG_SECONDS * framesPerSecond));
        double minPeriodFrames = 60.0 * framesPerSecond / MAX_BPM;
        if (maxLag < 2 * minPeriodFrames) {
            return Estimate.NONE;
        }
        double[] acf = autocorrelation(envelope, maxLag);
        if (acf == null || Math.sqrt(acf[0]) < MIN_ENVELOPE_DEVIATION) {
            return Estimate.NONE;
        }
        int candidates = (int) Math.round((MAX_BPM - MIN_BPM) / STEP_BPM) + 1;
        double[] strength = new double[candidates];
        double[] score = new double[candidates];
        int best = -1;
        for (int i = 0; i < candidates; i++) {
            double bpm = MIN_BPM + i * STEP_BPM;
            strength[i] = comb(acf, 60.0 * framesPerSecond / bpm) / acf[0];
            score[i] = Math.max(0, strength[i]) * prior(bpm);
            if (best < 0 || score[i] > score[best]) {
                best = i;
            }
        }
        if (score[best] <= 0) {
            return Estimate.NONE;
        }
        if (strength[best] < MIN_PULSE_STRENGTH) {
            return Estimate.NONE;
        }
        double bpm = MetricalLevel.choose(envelope, amplitudeRise, framesPerSecond, bpmOf(best), MIN_BPM, MAX_BPM);
        return new Estimate(bpm, strength[best]);
    }

    private static double bpmOf(int index) {
        return MIN_BPM + index * STEP_BPM;
    }

    /** Unbiased autocorrelation of the mean-removed envelope for lags 0..maxLag (lag 0: its variance); null if constant. */
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

package io.hitorflop.feature.engine.tempo;

/**
 * Beats per bar, 3 or 4, from the beat-synchronous accent pattern: the accent of each beat (the
 * strongest onset within one frame of it) forms a sequence whose recurrences show the bar, as in
 * Gouyon &amp; Herrera, "Determination of the meter of musical audio signals: seeking recurrences in
 * beat segment descriptors" (AES 114th Convention, 2003). A waltz accents every third beat, so its
 * accent sequence correlates with itself three and six beats later; a march accents every second
 * and fourth beat, so four and eight beats later. The meter whose lags correlate more (mean of the
 * normalised autocorrelation at one and two bars) is reported.
 */
public final class TimeSignatureEstimator {

    /** Two bars of four beats at least at each lag: fewer beats cannot show a bar. */
    static final int MIN_BEATS = 16;
    public static final int UNKNOWN = 0;

    private TimeSignatureEstimator() {
    }

    /**
     * @param accents   onset strength per frame (the amplitude rise, see {@link OnsetStrength})
     * @param beatFrames the beats' frame indices, ascending (see {@link BeatTracker})
     * @return 3 or 4 beats per bar, {@link #UNKNOWN} with fewer than {@value #MIN_BEATS} beats or no accents
     */
    public static int beatsPerBar(double[] accents, int[] beatFrames) {
        if (beatFrames.length < MIN_BEATS) {
            return UNKNOWN;
        }
        double[] beatAccents = new double[beatFrames.length];
        for (int i = 0; i < beatFrames.length; i++) {
            for (int t = Math.max(0, beatFrames[i] - 1); t <= Math.min(accents.length - 1, beatFrames[i] + 1); t++) {
                beatAccents[i] = Math.max(beatAccents[i], accents[t]);
            }
        }
        double[] acf = normalisedAutocorrelation(beatAccents, 8);
        if (acf == null) {
            return UNKNOWN;
        }
        double triple = (acf[3] + acf[6]) / 2;
        double quadruple = (acf[4] + acf[8]) / 2;
        return triple > quadruple ? 3 : 4;
    }

    /** Autocorrelation of the mean-removed sequence at lags 0..maxLag, unbiased, divided by lag 0; null if constant. */
    static double[] normalisedAutocorrelation(double[] values, int maxLag) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double[] acf = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = 0; i + lag < n; i++) {
                sum += (values[i] - mean) * (values[i + lag] - mean);
            }
            acf[lag] = sum / (n - lag);
        }
        if (acf[0] <= 1e-20) {
            return null;
        }
        for (int lag = maxLag; lag >= 0; lag--) {
            acf[lag] /= acf[0];
        }
        return acf;
    }
}

package io.hitorflop.feature.engine.tonal;

/**
 * Key and mode by the Krumhansl-Schmuckler algorithm (Krumhansl 1990): the Pearson correlation of
 * the track's chroma with the major and minor profile rotated to each of the 12 tonics; the best of
 * the 24 wins. Returns no key for silence, and for chroma too flat to be tonal (noise, unpitched
 * percussion): when the weakest pitch class holds more than {@value #MAX_FLAT_RATIO} of the
 * strongest's energy, or the best correlation is below {@value #MIN_CORRELATION}.
 */
public final class KeyEstimator {

    static final double MAX_FLAT_RATIO = 0.75;
    static final double MIN_CORRELATION = 0.5;

    private final double[] major;
    private final double[] minor;

    public KeyEstimator(KeyProfile profile) {
        this.major = profile.major();
        this.minor = profile.minor();
    }

    public KeyEstimate estimate(double[] chroma) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double v : chroma) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (max <= 0 || min / max > MAX_FLAT_RATIO) {
            return KeyEstimate.NONE;
        }
        double[] correlations = correlations(chroma);
        int best = 0;
        for (int candidate = 1; candidate < correlations.length; candidate++) {
            if (correlations[candidate] > correlations[best]) {
                best = candidate;
            }
        }
        return correlations[best] < MIN_CORRELATION ? KeyEstimate.NONE
                : new KeyEstimate(best % 12, best < 12 ? 1 : 0, correlations[best]);
    }

    /** Correlation with each of the 24 keys: index tonic for major keys, 12 + tonic for minor keys. */
    public double[] correlations(double[] chroma) {
        double[] correlations = new double[24];
        for (int tonic = 0; tonic < 12; tonic++) {
            correlations[tonic] = correlation(chroma, major, tonic);
            correlations[12 + tonic] = correlation(chroma, minor, tonic);
        }
        return correlations;
    }

    /** Pearson correlation of chroma with the profile whose tonic is moved to {@code tonic}. */
    private static double correlation(double[] chroma, double[] profile, int tonic) {
        double chromaMean = 0;
        double profileMean = 0;
        for (int i = 0; i < 12; i++) {
            chromaMean += chroma[i];
            profileMean += profile[i];
        }
        chromaMean /= 12;
        profileMean /= 12;
        double covariance = 0;
        double chromaVariance = 0;
        double profileVariance = 0;
        for (int pitch = 0; pitch < 12; pitch++) {
            double c = chroma[pitch] - chromaMean;
            double p = profile[Math.floorMod(pitch - tonic, 12)] - profileMean;
            covariance += c * p;
            chromaVariance += c * c;
            profileVariance += p * p;
        }
        return chromaVariance == 0 ? 0 : covariance / Math.sqrt(chromaVariance * profileVariance);
    }
}

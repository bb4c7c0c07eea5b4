package io.hitorflop.feature.engine.tonal;

/** Pitch-class profiles of the major and minor key with tonic C, for key finding by correlation. */
public enum KeyProfile {

    /** Krumhansl &amp; Kessler 1982, probe-tone ratings. */
    KRUMHANSL_KESSLER(
            new double[] {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88},
            new double[] {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17}),

    /** Temperley 1999 ("What's key for key?"), revised from Krumhansl-Kessler. */
    TEMPERLEY(
            new double[] {5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0},
            new double[] {5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0});

    private final double[] major;
    private final double[] minor;

    KeyProfile(double[] major, double[] minor) {
        this.major = major;
        this.minor = minor;
    }

    double[] major() {
        return major.clone();
    }

    double[] minor() {
        return minor.clone();
    }
}

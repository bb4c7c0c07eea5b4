package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The class takes geometric over arithmetic mean of each frame's power spectrum. For Gaussian
 * white noise every power bin of a (windowed) periodogram is, apart from bins 0 and Nyquist,
 * exponentially distributed (chi-square with 2 degrees of freedom) with the same mean mu; the
 * expected logarithm of an exponential variable is ln(mu) - gamma (Euler-Mascheroni), so over
 * 1025 bins the ratio tends to e^-gamma = 0.5615 (e.g. Gray and Markel 1974; Dubnov 2004, the
 * spectral flatness of white noise in a periodogram estimate). Not 1: that is the flatness of an
 * exactly flat spectrum, which one impulse per frame gives.
 */
class SpectralFlatnessTest {

    private static final double EULER_GAMMA = 0.5772156649;

    private static double flatness(float[] signal) {
        SpectralFlatness flatness = new SpectralFlatness();
        Signals.analyse(flatness, signal);
        return flatness.mean();
    }

    @Test
    void whiteNoiseIsEToTheMinusGamma() {
        assertThat(flatness(Signals.whiteNoise(42, 3))).isCloseTo(Math.exp(-EULER_GAMMA), within(0.02));
    }

    @Test
    void exactlyFlatSpectrumIsOne() {
        assertThat(flatness(Signals.impulsePerFrame(2))).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void pureSineIsNearZero() {
        assertThat(flatness(Signals.sine(1000, 0.5, 2))).isLessThan(1e-3);
    }

    @Test
    void silenceHasNoFlatness() {
        assertThat(flatness(new float[44_100])).isZero();
    }
}

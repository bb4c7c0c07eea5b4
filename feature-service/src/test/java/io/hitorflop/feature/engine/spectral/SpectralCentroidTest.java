package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import static io.hitorflop.feature.engine.spectral.Signals.BIN_HZ;
import static io.hitorflop.feature.engine.spectral.Signals.FFT_SIZE;
import static io.hitorflop.feature.engine.spectral.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Spectral centroid (Peeters 2004, "A large set of audio features"; librosa's
 * {@code spectral_centroid}), the magnitude-weighted mean frequency. A Hann-windowed sine centred on
 * bin k has magnitudes 1/2, 1, 1/2 at bins k-1, k, k+1 and (almost) nothing elsewhere, so its
 * magnitude-weighted mean bin is k. Off a bin centre the main lobe is asymmetric but stays within
 * the two bins around f, so the centroid is within one bin.
 */
class SpectralCentroidTest {

    private static double centroid(float[] signal) {
        SpectralCentroid centroid = new SpectralCentroid(FFT_SIZE, RATE);
        Signals.analyse(centroid, signal);
        return centroid.meanHz();
    }

    @Test
    void sineOnABinCentreIsItsFrequency() {
        double hz = 93 * BIN_HZ;
        assertThat(centroid(Signals.sine(hz, 0.5, 2))).isCloseTo(hz, within(0.1 * BIN_HZ));
    }

    @Test
    void sineBetweenBinsIsWithinOneBin() {
        assertThat(centroid(Signals.sine(1000, 0.5, 2))).isCloseTo(1000, within(BIN_HZ));
        assertThat(centroid(Signals.sine(3333, 0.1, 2))).isCloseTo(3333, within(BIN_HZ));
    }

    @Test
    void twoEqualSinesAreTheirMidpoint() {
        double low = 50 * BIN_HZ;
        double high = 300 * BIN_HZ;
        float[] signal = Signals.sum(Signals.sine(low, 0.3, 2), Signals.sine(high, 0.3, 2));
        assertThat(centroid(signal)).isCloseTo((low + high) / 2, within(0.1 * BIN_HZ));
    }

    @Test
    void flatSpectrumIsHalfTheNyquistFrequency() {
        // equal magnitude in bins 0..1024: the mean bin is 512
        assertThat(centroid(Signals.impulsePerFrame(2))).isCloseTo(RATE / 4, within(0.1 * BIN_HZ));
    }

    @Test
    void silenceHasNoCentroid() {
        assertThat(centroid(new float[44_100])).isZero();
    }
}

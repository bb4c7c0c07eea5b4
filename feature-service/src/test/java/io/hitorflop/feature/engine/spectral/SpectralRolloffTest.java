package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import static io.hitorflop.feature.engine.spectral.Signals.BIN_HZ;
import static io.hitorflop.feature.engine.spectral.Signals.FFT_SIZE;
import static io.hitorflop.feature.engine.spectral.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Spectral roll-off (Peeters 2004, "A large set of audio features"; librosa's
 * {@code spectral_rolloff} at 85 %): the lowest frequency below which 85 % of the frame's magnitude lies.
 */
class SpectralRolloffTest {

    private static double rolloff(float[] signal) {
        SpectralRolloff rolloff = new SpectralRolloff(FFT_SIZE, RATE);
        Signals.analyse(rolloff, signal);
        return rolloff.meanHz();
    }

    @Test
    void sineRollsOffAtItsFrequency() {
        // bin-centred: magnitudes 1/2, 1, 1/2 around bin k; 85 % of the total 2 is reached in bin k+1
        double hz = 93 * BIN_HZ;
        assertThat(rolloff(Signals.sine(hz, 0.5, 2))).isCloseTo(hz, within(BIN_HZ));
        assertThat(rolloff(Signals.sine(2500, 0.5, 2))).isCloseTo(2500, within(BIN_HZ));
    }

    @Test
    void flatSpectrumRollsOffAt85PercentOfNyquist() {
        // 1025 equal bins: the cumulative sum first reaches 0.85 * 1025 = 871.25 bins' worth in bin 871
        assertThat(rolloff(Signals.impulsePerFrame(2))).isCloseTo(0.85 * RATE / 2, within(BIN_HZ));
    }

    @Test
    void whiteNoiseRollsOffAt85PercentOfNyquist() {
        assertThat(rolloff(Signals.whiteNoise(7, 3))).isCloseTo(0.85 * RATE / 2, within(3 * BIN_HZ));
    }
}

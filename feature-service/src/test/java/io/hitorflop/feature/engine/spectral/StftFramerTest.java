package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.hitorflop.feature.engine.spectral.Signals.BIN_HZ;
import static io.hitorflop.feature.engine.spectral.Signals.FFT_SIZE;
import static io.hitorflop.feature.engine.spectral.Signals.HOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The STFT (Allen &amp; Rabiner 1977) with TarsosDSP's symmetric Hann window w(n) = 0.5 (1 - cos(2 pi n
 * / (N - 1))) (Harris 1978), whose values sum to (N - 1) / 2: a full-scale sine centred on bin k has
 * power ((N - 1) / N)^2 there (0 dB, the class's scaling) and a quarter of that in bins k - 1 and
 * k + 1; a constant c has 4 c^2 in bin 0 and an alternating +-c as much in the Nyquist bin.
 */
class StftFramerTest {

    /** Copies of every frame's power spectrum. */
    private static List<float[]> powerSpectra(float[] signal) {
        List<float[]> spectra = new ArrayList<>();
        Signals.feed(new StftFramer(FFT_SIZE, HOP, List.of((power, magnitude) -> {
            for (int bin = 0; bin < power.length; bin++) {
                assertThat(magnitude[bin]).isCloseTo((float) Math.sqrt(power[bin]), within(1e-6f));
            }
            spectra.add(power.clone());
        })), signal);
        return spectra;
    }

    private static final double FULL_SCALE_PEAK = Math.pow((FFT_SIZE - 1.0) / FFT_SIZE, 2);

    @Test
    void fullScaleSineOnABinCentreIsZeroDecibelsWithAQuarterInEachNeighbour() {
        int bin = 100;
        for (float[] power : powerSpectra(Signals.sine(bin * BIN_HZ, 1.0, 1))) {
            assertThat(power[bin]).isCloseTo((float) FULL_SCALE_PEAK, within(1e-3f));
            assertThat(power[bin - 1]).isCloseTo((float) FULL_SCALE_PEAK / 4, within(1e-3f));
            assertThat(power[bin + 1]).isCloseTo((float) FULL_SCALE_PEAK / 4, within(1e-3f));
            assertThat(power[bin + 4]).isLessThan(1e-4f);
            assertThat(power[bin - 4]).isLessThan(1e-4f);
        }
    }

    @Test
    void constantLandsInBinZeroAndAlternationInTheNyquistBin() {
        // the Nyquist term sits in the packed layout's slot 1: read as bin 0's imaginary part, it would vanish
        float[] constant = new float[FFT_SIZE];
        float[] alternating = new float[FFT_SIZE];
        Arrays.fill(constant, 0.25f);
        for (int i = 0; i < FFT_SIZE; i++) {
            alternating[i] = i % 2 == 0 ? 0.25f : -0.25f;
        }
        float[] constantPower = powerSpectra(constant).get(0);
        float[] alternatingPower = powerSpectra(alternating).get(0);
        double expected = 4 * 0.25 * 0.25 * FULL_SCALE_PEAK;
        assertThat(constantPower[0]).isCloseTo((float) expected, within(1e-4f));
        assertThat(constantPower[FFT_SIZE / 2]).isLessThan(1e-8f);
        assertThat(alternatingPower[FFT_SIZE / 2]).isCloseTo((float) expected, within(1e-4f));
        assertThat(alternatingPower[0]).isLessThan(1e-8f);
    }

    @Test
    void frameTStartsAtSampleTTimesHopWhateverTheBlockSizes() {
        // one impulse: each frame that holds it has a flat spectrum of (w(offset) / (N / 4))^2, offset
        // being the impulse's position in the frame; frames come only once N samples are in
        int impulse = 5_000;
        float[] signal = new float[3 * FFT_SIZE + 100];
        signal[impulse] = 1f;
        List<float[]> spectra = powerSpectra(signal);
        assertThat(spectra).hasSize((signal.length - FFT_SIZE) / HOP + 1);
        for (int frame = 0; frame < spectra.size(); frame++) {
            int offset = impulse - frame * HOP;
            double window = offset < 0 || offset >= FFT_SIZE ? 0
                    : 0.5 * (1 - Math.cos(2 * Math.PI * offset / (FFT_SIZE - 1)));
            double expected = Math.pow(window / (FFT_SIZE / 4.0), 2);
            for (int bin : new int[] {0, 1, 333, FFT_SIZE / 2}) {
                assertThat((double) spectra.get(frame)[bin]).as("frame %d, bin %d", frame, bin)
                        .isCloseTo(expected, within(1e-3 * expected + 1e-12));
            }
        }
    }

    @Test
    void sizeMustBeAPowerOfTwoAndTheHopWithinIt() {
        assertThatThrownBy(() -> new StftFramer(1000, 500, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StftFramer(1024, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StftFramer(1024, 2048, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Decimation behind a windowed-sinc low-pass (Oppenheim &amp; Schafer, "Discrete-Time Signal
 * Processing", 7.5; Blackman window): a 1 kHz tone passes within 0.5 dB, 16 kHz, above the new
 * Nyquist frequency, is stopped below -40 dB; channels are averaged to mono as librosa's {@code to_mono}.
 */
class MonoDecimatorTest {

    /** RMS of the decimated output of a stereo sine fed in uneven blocks, after the filter's start-up. */
    private static double outputRms(double frequency, int factor) {
        int rate = 44_100;
        List<Float> output = new ArrayList<>();
        MonoDecimator decimator = new MonoDecimator(2, factor, (samples, count) -> {
            for (int i = 0; i < count; i++) {
                output.add(samples[i]);
            }
        });
        int total = rate;
        int offset = 0;
        int[] blockSizes = {1000, 4096, 7, 8192, 333};
        for (int b = 0; offset < total; b++) {
            int frames = Math.min(blockSizes[b % blockSizes.length], total - offset);
            float[] block = new float[2 * frames];
            for (int i = 0; i < frames; i++) {
                float value = (float) Math.sin(2 * Math.PI * frequency * (offset + i) / rate);
                block[2 * i] = value;
                block[2 * i + 1] = value;
            }
            decimator.accept(block, frames);
            offset += frames;
        }
        assertThat(output.size()).isBetween(total / factor - 30, total / factor);
        double squares = 0;
        int counted = 0;
        for (int i = 100; i < output.size(); i++) {
            squares += output.get(i) * output.get(i);
            counted++;
        }
        return Math.sqrt(squares / counted);
    }

    @Test
    void keepsThePassbandAndRejectsWhatWouldAlias() {
        double unit = Math.sqrt(0.5);
        assertThat(20 * Math.log10(outputRms(1000, 2) / unit)).isCloseTo(0.0, within(0.5));
        assertThat(20 * Math.log10(outputRms(16_000, 2) / unit)).isLessThan(-40.0);
    }

    @Test
    void factorOneOnlyMixesDown() {
        assertThat(outputRms(1000, 1)).isCloseTo(Math.sqrt(0.5), within(1e-3));
    }

    @Test
    void factorIsTheNearestIntegerRatio() {
        assertThat(MonoDecimator.factorFor(44_100, 22_050)).isEqualTo(2);
        assertThat(MonoDecimator.factorFor(48_000, 22_050)).isEqualTo(2);
        assertThat(MonoDecimator.factorFor(96_000, 22_050)).isEqualTo(4);
        assertThat(MonoDecimator.factorFor(16_000, 22_050)).isEqualTo(1);
    }
}

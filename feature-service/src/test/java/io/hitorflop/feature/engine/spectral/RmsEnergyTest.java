package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.hitorflop.feature.engine.spectral.Signals.BIN_HZ;
import static io.hitorflop.feature.engine.spectral.Signals.FFT_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Frame RMS as librosa's {@code feature.rms}: a sine of amplitude A over whole periods has RMS A / sqrt(2). */
class RmsEnergyTest {

    private static RmsEnergy measure(float[] signal) {
        RmsEnergy rms = new RmsEnergy(FFT_SIZE);
        Signals.feed(rms, signal);
        return rms;
    }

    @Test
    void sineIsAmplitudeOverRootTwo() {
        // 50 whole periods per 2048-sample block, so every block holds the exact mean square A^2/2
        RmsEnergy rms = measure(Signals.sine(50 * BIN_HZ, 0.8, 2));
        assertThat(rms.mean()).isCloseTo(0.8 / Math.sqrt(2), within(1e-4));
        assertThat(rms.max()).isCloseTo(0.8 / Math.sqrt(2), within(1e-4));
        assertThat(rms.standardDeviation()).isLessThan(1e-3);
    }

    @Test
    void constantIsItsMagnitude() {
        float[] constant = new float[3 * FFT_SIZE + 100];
        Arrays.fill(constant, -0.25f);
        RmsEnergy rms = measure(constant);
        assertThat(rms.mean()).isCloseTo(0.25, within(1e-6));
        assertThat(rms.standardDeviation()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void statisticsAreOverBlocks() {
        // one block at 0.1, one at 0.5: mean 0.3, population standard deviation 0.2, max 0.5
        float[] twoLevels = new float[2 * FFT_SIZE];
        Arrays.fill(twoLevels, 0, FFT_SIZE, 0.1f);
        Arrays.fill(twoLevels, FFT_SIZE, 2 * FFT_SIZE, 0.5f);
        RmsEnergy rms = measure(twoLevels);
        assertThat(rms.mean()).isCloseTo(0.3, within(1e-6));
        assertThat(rms.standardDeviation()).isCloseTo(0.2, within(1e-6));
        assertThat(rms.max()).isCloseTo(0.5, within(1e-6));
    }
}

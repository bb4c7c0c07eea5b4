package io.hitorflop.feature.engine.loudness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * BS.1770-4 defines the -0.691 offset so that a 0 dBFS 997 Hz sine in one channel reads
 * -3.01 LKFS (10 log10(1/2)): the K-weighting gains +0.691 dB there. The RLB high-pass removes DC.
 */
class KWeightingFilterTest {

    /** Mean square of the K-weighted mono signal after one second of settling. */
    private static double weightedMeanSquare(float[] signal, double rate) {
        KWeightingFilter filter = new KWeightingFilter(rate, 1);
        int settle = (int) rate;
        double[] squares = new double[1];
        filter.addSquares(signal, 0, settle, new double[1]);
        filter.addSquares(signal, settle, signal.length - settle, squares);
        return squares[0] / (signal.length - settle);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {44_100, 48_000, 96_000})
    void fullScale997HzSineReadsMinus3Point01Lkfs(double rate) {
        float[] sine = new float[(int) (3 * rate)];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) Math.sin(2 * Math.PI * 997 * i / rate);
        }
        assertThat(LoudnessMeter.lufs(weightedMeanSquare(sine, rate))).isCloseTo(-3.01, within(0.02));
    }

    @Test
    void constantIsBlocked() {
        float[] dc = new float[3 * 48_000];
        Arrays.fill(dc, 0.5f);
        assertThat(weightedMeanSquare(dc, 48_000)).isLessThan(1e-9);
    }

    @Test
    void channelsAreFilteredIndependently() {
        // three channels: 997 Hz at 0 dBFS, silence, and the same sine; the odd third channel runs
        // beside a discarded twin and must still read like the first
        int rate = 48_000;
        int frames = 2 * rate;
        float[] interleaved = new float[3 * frames];
        for (int i = 0; i < frames; i++) {
            float value = (float) Math.sin(2 * Math.PI * 997 * i / rate);
            interleaved[3 * i] = value;
            interleaved[3 * i + 2] = value;
        }
        KWeightingFilter filter = new KWeightingFilter(rate, 3);
        double[] squares = new double[3];
        filter.addSquares(interleaved, 0, rate, new double[3]);
        filter.addSquares(interleaved, rate, frames - rate, squares);
        assertThat(squares[1]).isZero();
        assertThat(squares[2]).isCloseTo(squares[0], within(1e-9 * squares[0]));
        assertThat(LoudnessMeter.lufs(squares[0] / (frames - rate))).isCloseTo(-3.01, within(0.02));
    }
}

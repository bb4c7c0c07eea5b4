package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.hitorflop.feature.engine.spectral.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Zero-crossing rate (Peeters 2004, "A large set of audio features"; librosa's
 * {@code zero_crossing_rate}): a sine crosses zero twice a period, so a count known in advance.
 */
class ZeroCrossingRateTest {

    private static double rate(float[] signal) {
        ZeroCrossingRate rate = new ZeroCrossingRate();
        Signals.feed(rate, signal);
        return rate.rate();
    }

    @Test
    void sineCrossesTwiceAPeriod() {
        // sin(2 pi f n / fs + 0.1) is zero where 2 pi f t + 0.1 = k pi: k = 1..1999 fall inside the
        // 22050 samples of one second at 1 kHz (k = 2000 lands 16 µs after the last sample)
        assertThat(rate(Signals.sine(1000, 0.5, 1))).isEqualTo(1999.0 / 22_049);
        assertThat(rate(Signals.sine(440, 0.5, 4))).isCloseTo(2 * 440 / RATE, within(1.0 / 22_050));
    }

    @Test
    void zeroCountsAsPositive() {
        // librosa's zero_pos convention: 1 -> 0 and 0 -> 1 keep the sign, only 0 -> -1 changes it
        assertThat(rate(new float[] {1, 0, 1, 0, -1})).isEqualTo(0.25);
    }

    @Test
    void constantNeverCrosses() {
        float[] dc = new float[10_000];
        Arrays.fill(dc, 0.3f);
        assertThat(rate(dc)).isZero();
    }

    @Test
    void alternatingSignCrossesEveryPair() {
        float[] alternating = new float[10_001];
        for (int i = 0; i < alternating.length; i++) {
            alternating[i] = i % 2 == 0 ? 1f : -1f;
        }
        assertThat(rate(alternating)).isEqualTo(1.0);
    }
}

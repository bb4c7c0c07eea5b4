package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.signal.DoubleSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gating of {@link IntegratedLoudness} (BS.1770-4 §2.8, 400 ms blocks every 100 ms) and
 * {@link LoudnessRange} (EBU Tech 3342 §4, 3 s short-term values every 100 ms) on block powers
 * computed here from a piecewise-constant loudness, so the truths are those the EBU test signals
 * state: the cases of Tech 3341 and 3342 whose signals are level steps of equal loudness.
 */
class LoudnessGatingTest {

    private static final int BLOCKS_PER_SECOND = 10;

    /**
     * Powers of windows of {@code windowSeconds} every 100 ms over segments "lufs:seconds,...", each
     * the mean power of the 100 ms steps it covers (what the meter computes from K-weighted audio).
     */
    private static DoubleSeries windowPowers(String segments, double windowSeconds) {
        DoubleSeries steps = new DoubleSeries();
        for (String segment : segments.split(",")) {
            String[] levelAndSeconds = segment.split(":");
            double power = LoudnessMeter.power(Double.parseDouble(levelAndSeconds[0]));
            for (int i = 0; i < Double.parseDouble(levelAndSeconds[1]) * BLOCKS_PER_SECOND; i++) {
                steps.add(power);
            }
        }
        int window = (int) Math.round(windowSeconds * BLOCKS_PER_SECOND);
        DoubleSeries windows = new DoubleSeries();
        for (int end = window; end <= steps.size(); end++) {
            double sum = 0;
            for (int i = end - window; i < end; i++) {
                sum += steps.get(i);
            }
            windows.add(sum / window);
        }
        return windows;
    }

    @ParameterizedTest(name = "Tech 3342 case {0}: LRA {1} LU")
    @CsvSource(delimiter = ';', value = {
            "1;10;-20:20,-30:20",
            "2;5;-20:20,-15:20",
            "3;20;-40:20,-20:20",
            "4;15;-50:20,-35:20,-20:20,-35:20,-50:20"})
    void loudnessRangeOfTech3342Steps(int testCase, double expectedLu, String segments) {
        // case 4: the -50 LUFS parts fall under the relative gate (20 LU below the power mean, about -47)
        assertThat(LoudnessRange.of(windowPowers(segments, 3.0))).isCloseTo(expectedLu, within(1.0));
    }

    @Test
    void steadyLevelHasNoRange() {
        assertThat(LoudnessRange.of(windowPowers("-23:20", 3.0))).isCloseTo(0.0, within(1e-9));
        assertThat(LoudnessRange.of(windowPowers("-80:20", 3.0))).isZero();
    }

    @ParameterizedTest(name = "Tech 3341 case {0}: {1} LUFS")
    @CsvSource(delimiter = ';', value = {
            "1;-23;-23:20",
            "2;-33;-33:20",
            // -36 LUFS lies more than 10 LU under the -23 LUFS parts: relatively gated out
            "3;-23;-36:10,-23:60,-36:10",
            // -72 LUFS is under the absolute gate
            "4;-23;-72:10,-36:10,-23:60,-36:10,-72:10",
            "5;-23;-26:20,-20:20.1,-26:20"})
    void integratedLoudnessOfTech3341Steps(int testCase, double expectedLufs, String segments) {
        assertThat(IntegratedLoudness.gated(windowPowers(segments, 0.4))).isCloseTo(expectedLufs, within(0.1));
    }

    @Test
    void silenceReadsTheAbsoluteGate() {
        assertThat(IntegratedLoudness.gated(windowPowers("-90:5", 0.4))).isEqualTo(LoudnessMeter.ABSOLUTE_GATE_LUFS);
    }
}

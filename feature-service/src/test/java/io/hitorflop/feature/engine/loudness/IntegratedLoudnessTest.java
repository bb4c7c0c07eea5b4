package io.hitorflop.feature.engine.loudness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gating of {@link IntegratedLoudness} (BS.1770-4 §2.8, 400 ms blocks every 100 ms) on block
 * powers computed from level steps, so the truths are those the EBU test signals state: cases 1-5
 * of EBU Tech 3341, whose signals are level steps of equal loudness.
 */
class IntegratedLoudnessTest {

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
        assertThat(IntegratedLoudness.gated(LevelSteps.windowPowers(segments, 0.4))).isCloseTo(expectedLufs, within(0.1));
    }

    @Test
    void silenceReadsTheAbsoluteGate() {
        assertThat(IntegratedLoudness.gated(LevelSteps.windowPowers("-90:5", 0.4))).isEqualTo(LoudnessMeter.ABSOLUTE_GATE_LUFS);
    }
}

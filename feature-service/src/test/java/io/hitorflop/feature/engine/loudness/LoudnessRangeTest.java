package io.hitorflop.feature.engine.loudness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LoudnessRange} (EBU Tech 3342 §4, 3 s short-term values every 100 ms) on short-term powers
 * computed from level steps, so the truths are those the EBU test signals state: cases 1-4 of Tech
 * 3342, whose signals are level steps of equal loudness.
 */
class LoudnessRangeTest {

    @ParameterizedTest(name = "Tech 3342 case {0}: LRA {1} LU")
    @CsvSource(delimiter = ';', value = {
            "1;10;-20:20,-30:20",
            "2;5;-20:20,-15:20",
            "3;20;-40:20,-20:20",
            "4;15;-50:20,-35:20,-20:20,-35:20,-50:20"})
    void loudnessRangeOfTech3342Steps(int testCase, double expectedLu, String segments) {
        // case 4: the -50 LUFS parts fall under the relative gate (20 LU below the power mean, about -47)
        assertThat(LoudnessRange.of(LevelSteps.windowPowers(segments, 3.0))).isCloseTo(expectedLu, within(1.0));
    }

    @Test
    void steadyLevelHasNoRange() {
        assertThat(LoudnessRange.of(LevelSteps.windowPowers("-23:20", 3.0))).isCloseTo(0.0, within(1e-9));
        assertThat(LoudnessRange.of(LevelSteps.windowPowers("-80:20", 3.0))).isZero();
    }
}

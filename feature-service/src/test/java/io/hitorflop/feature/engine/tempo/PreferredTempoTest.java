package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The log-normal tapping preference: analytic values of exp(-0.5 (log2(bpm/120) / w)^2). */
class PreferredTempoTest {

    private static final double W = PreferredTempo.WIDTH_OCTAVES;

    @Test
    void thePreferredTempoWeighsOneAndOneWidthAwayEMinusAHalf() {
        assertThat(PreferredTempo.weight(120)).isEqualTo(1.0);
        assertThat(PreferredTempo.weight(120 * Math.pow(2, W))).isCloseTo(Math.exp(-0.5), within(1e-12));
        assertThat(PreferredTempo.weight(120 / Math.pow(2, W))).isCloseTo(Math.exp(-0.5), within(1e-12));
    }

    @Test
    void doublingFromThePreferredTempoCostsExpOfHalfOverWidthSquared() {
        // log2(240/120) = 1, log2(120/120) = 0: the ratio of the weights is exp(0.5 / w^2)
        assertThat(PreferredTempo.doublingReluctance(120)).isCloseTo(Math.exp(0.5 / (W * W)), within(1e-9));
    }

    @Test
    void doublingTowardsThePreferenceIsNeverMadeEasier() {
        // 60 -> 120 moves towards the preference: the weight ratio is below 1, the reluctance stays 1
        assertThat(PreferredTempo.weight(60) / PreferredTempo.weight(120)).isLessThan(1);
        assertThat(PreferredTempo.doublingReluctance(60)).isEqualTo(1.0);
        // the ratio is exp((log2(bpm/120) + 0.5) / w^2): 1 exactly at 120 / sqrt(2)
        assertThat(PreferredTempo.doublingReluctance(120 / Math.sqrt(2))).isCloseTo(1.0, within(1e-9));
    }
}

package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tempo by autocorrelation of the onset envelope with a comb over the beat multiples (Ellis 2007;
 * librosa's {@code tempo}): click trains of known tempo read it within 0.5 %.
 */
class TempoEstimatorTest {

    @ParameterizedTest(name = "{0} BPM")
    @ValueSource(doubles = {75, 97, 120, 150})
    void clickTrainIsItsTempoWithinHalfAPercent(double bpm) {
        OnsetStrength onsets = ClickTrain.onsetStrength(ClickTrain.clickSamples(bpm, 20), 20);
        TempoEstimator.Estimate estimate =
                TempoEstimator.estimate(onsets.envelope(), onsets.amplitudeRise(), ClickTrain.FRAMES_PER_SECOND);
        assertThat(estimate.bpm()).isCloseTo(bpm, within(0.005 * bpm));
        assertThat(estimate.pulseStrength()).isGreaterThan(0.5);
    }

    @Test
    void flatEnvelopeHasNoTempo() {
        double[] flat = new double[20 * 43];
        Arrays.fill(flat, 0.2);
        assertThat(TempoEstimator.estimate(flat, flat, ClickTrain.FRAMES_PER_SECOND).bpm()).isZero();
    }

    @Test
    void tooShortForTwoBeatsHasNoTempo() {
        OnsetStrength onsets = ClickTrain.onsetStrength(ClickTrain.clickSamples(120, 1.5), 1.5);
        assertThat(TempoEstimator.estimate(onsets.envelope(), onsets.amplitudeRise(), ClickTrain.FRAMES_PER_SECOND).bpm())
                .isZero();
    }
}

package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spectral flux of the log mel spectrogram (Böck, Krebs &amp; Schedl 2012) and the amplitude rise
 * (Scheirer 1998): clicks at known times peak in the frame centred on them and nowhere else.
 */
class OnsetStrengthTest {

    /** Frames that are the envelope's maximum within ±2 frames and reach half its overall maximum. */
    private static List<Integer> peaks(double[] envelope) {
        double max = 0;
        for (double value : envelope) {
            max = Math.max(max, value);
        }
        List<Integer> peaks = new ArrayList<>();
        for (int t = 0; t < envelope.length; t++) {
            boolean localMax = envelope[t] >= max / 2;
            for (int k = Math.max(0, t - 2); k <= Math.min(envelope.length - 1, t + 2) && localMax; k++) {
                localMax = k == t || envelope[k] < envelope[t];
            }
            if (localMax) {
                peaks.add(t);
            }
        }
        return peaks;
    }

    @Test
    void fluxAndAmplitudeRisePeakOnlyAtTheClicksWithinOneHop() {
        int[] clicks = ClickTrain.clickSamples(97, 8);
        OnsetStrength onsets = ClickTrain.onsetStrength(clicks, 8);
        for (double[] envelope : List.of(onsets.envelope(), onsets.amplitudeRise())) {
            List<Integer> peaks = peaks(envelope);
            assertThat(peaks).hasSameSizeAs(clicks);
            for (int i = 0; i < clicks.length; i++) {
                assertThat(peaks.get(i)).isBetween(ClickTrain.frameCentredOn(clicks[i]) - 1,
                        ClickTrain.frameCentredOn(clicks[i]) + 1);
            }
        }
    }

    @Test
    void oneValuePerFrame() {
        // frames start every hop while a whole frame fits: (8 * 22050 - 2048) / 512 + 1 = 341
        OnsetStrength onsets = ClickTrain.onsetStrength(ClickTrain.clickSamples(97, 8), 8);
        assertThat(onsets.envelope()).hasSize(341);
        assertThat(onsets.amplitudeRise()).hasSize(341);
    }

    @Test
    void silenceHasNoOnsetStrength() {
        OnsetStrength onsets = ClickTrain.onsetStrength(new int[0], 3);
        assertThat(onsets.envelope()).containsOnly(0.0);
        assertThat(onsets.amplitudeRise()).containsOnly(0.0);
    }

    @Test
    void steadySineHasNoFluxOnceTheWindowIsFull() {
        float[] sine = new float[(int) (3 * ClickTrain.RATE)];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / ClickTrain.RATE));
        }
        double[] envelope = ClickTrain.onsetStrengthOf(sine).envelope();
        for (int t = 1; t < envelope.length; t++) {
            assertThat(envelope[t]).as("frame %d", t).isLessThan(0.01);
        }
    }
}

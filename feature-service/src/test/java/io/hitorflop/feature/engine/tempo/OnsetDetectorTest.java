package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peak picking of Böck, Krebs &amp; Schedl 2012 (librosa's {@code onset_detect}): clicks at known
 * times give one onset each; the wait, the local-mean threshold and silence give the counts the rule states.
 */
class OnsetDetectorTest {

    @Test
    void everyClickIsOneOnset() {
        int[] clicks = ClickTrain.clickSamples(113, 10);
        double[] envelope = ClickTrain.onsetStrength(clicks, 10).envelope();
        assertThat(OnsetDetector.count(envelope, ClickTrain.FRAMES_PER_SECOND)).isEqualTo(clicks.length);
    }

    @Test
    void spikesCloserThanTheWaitCountOnce() {
        // at 43 frames/s the 30 ms wait is one frame: spikes two frames apart count twice, adjacent ones once
        double[] envelope = new double[100];
        envelope[20] = 1;
        envelope[22] = 1;
        envelope[50] = 1;
        envelope[51] = 0.9;
        assertThat(OnsetDetector.count(envelope, ClickTrain.FRAMES_PER_SECOND)).isEqualTo(3);
    }

    @Test
    void peaksBelowTheThresholdAboveTheLocalMeanAreNoOnsets() {
        // a bump of 5 % of the maximum on a flat floor stays under the 7 % delta
        double[] envelope = new double[100];
        Arrays.fill(envelope, 0.5);
        envelope[10] = 1.0;
        envelope[60] = 0.55;
        assertThat(OnsetDetector.count(envelope, ClickTrain.FRAMES_PER_SECOND)).isEqualTo(1);
    }

    @Test
    void silenceHasNoOnsets() {
        double[] envelope = ClickTrain.onsetStrength(new int[0], 3).envelope();
        assertThat(OnsetDetector.count(envelope, ClickTrain.FRAMES_PER_SECOND)).isZero();
    }
}

package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beat tracking by dynamic programming (Ellis 2007, JNMR 36(1)): on a click train of known tempo
 * every beat lands on a click, within one 512-sample hop.
 */
class BeatTrackerTest {

    @Test
    void beatsOfA120BpmClickTrainAreOnTheClicksWithinOneHop() {
        int[] clicks = ClickTrain.clickSamples(120, 20);
        double[] envelope = ClickTrain.onsetStrength(clicks, 20).envelope();
        int[] beats = BeatTracker.track(envelope, ClickTrain.FRAMES_PER_SECOND, 120);
        assertThat(beats).hasSameSizeAs(clicks);
        for (int i = 0; i < clicks.length; i++) {
            int centred = ClickTrain.frameCentredOn(clicks[i]);
            assertThat(beats[i]).as("beat %d", i).isBetween(centred - 1, centred + 1);
        }
    }

    @Test
    void aGivenTempoOffTheClicksStillLandsBeatsOnClicks() {
        // told half the tempo, the tracker keeps every other click rather than beats between them
        int[] clicks = ClickTrain.clickSamples(120, 20);
        double[] envelope = ClickTrain.onsetStrength(clicks, 20).envelope();
        int[] beats = BeatTracker.track(envelope, ClickTrain.FRAMES_PER_SECOND, 60);
        assertThat(beats.length).isBetween(clicks.length / 2 - 1, clicks.length / 2 + 1);
        for (int beat : beats) {
            int nearestClickFrame = Integer.MAX_VALUE;
            for (int click : clicks) {
                int frame = ClickTrain.frameCentredOn(click);
                if (Math.abs(frame - beat) < Math.abs(nearestClickFrame - beat)) {
                    nearestClickFrame = frame;
                }
            }
            assertThat(Math.abs(beat - nearestClickFrame)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void noTempoOrNoOnsetEnergyGivesNoBeats() {
        double[] envelope = ClickTrain.onsetStrength(ClickTrain.clickSamples(120, 10), 10).envelope();
        assertThat(BeatTracker.track(envelope, ClickTrain.FRAMES_PER_SECOND, 0)).isEmpty();
        assertThat(BeatTracker.track(new double[400], ClickTrain.FRAMES_PER_SECOND, 120)).isEmpty();
    }
}

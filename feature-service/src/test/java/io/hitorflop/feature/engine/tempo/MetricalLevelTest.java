package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The accent rule of metrical analysis (Lerdahl &amp; Jackendoff 1983, metrical preference rule 3):
 * onsets halfway between the beats are beats of the level twice as fast when they are accented as
 * much as {@value MetricalLevel#AMPLITUDE_HALFWAY_SHARE} of the on-beat ones, subdivisions otherwise.
 * Envelopes are built here at 40 frames per second, so beat periods are whole frames (60 BPM: 40
 * frames) and the share of a train of pulses 1, h, 1, h ... folded at the slow period is exactly h.
 */
class MetricalLevelTest {

    private static final double FRAMES_PER_SECOND = 40;
    private static final double MIN_BPM = TempoEstimator.MIN_BPM;
    private static final double MAX_BPM = TempoEstimator.MAX_BPM;

    /** 30 s of unit pulses every 40 frames (60 BPM) with pulses of {@code halfway} midway between them. */
    private static double[] pulsesWithHalfway(double halfway) {
        double[] envelope = new double[30 * (int) FRAMES_PER_SECOND];
        for (int t = 0; t < envelope.length; t += 40) {
            envelope[t] = 1;
            envelope[t + 20] = halfway;
        }
        return envelope;
    }

    @Test
    void theHalfwayShareOfAFoldedPulseTrainIsTheHalfwayPulseHeight() {
        for (double halfway : new double[] {0, 0.1, 0.4, 1}) {
            assertThat(MetricalLevel.halfwayShare(pulsesWithHalfway(halfway), FRAMES_PER_SECOND, 60))
                    .isCloseTo(halfway, within(1e-12));
        }
    }

    @Test
    void accentedHalfwayOnsetsDoubleTheTempo() {
        // a backbeat at 0.3 of the downbeat: the halfway onsets are beats, 120 BPM
        double[] accents = pulsesWithHalfway(0.3);
        assertThat(MetricalLevel.choose(accents, accents, FRAMES_PER_SECOND, 60, MIN_BPM, MAX_BPM)).isEqualTo(120);
    }

    @Test
    void weakHalfwayOnsetsAreSubdivisionsAndHalveTheTempo() {
        // hi-hats at 0.1 of the beat: offered 120 BPM, the slower level is the beat
        double[] accents = pulsesWithHalfway(0.1);
        assertThat(MetricalLevel.halfwayAreBeats(accents, accents, FRAMES_PER_SECOND, 60)).isFalse();
        assertThat(MetricalLevel.choose(accents, accents, FRAMES_PER_SECOND, 120, MIN_BPM, MAX_BPM)).isEqualTo(60);
    }

    @Test
    void equalPulsesKeepTheirOwnTempoFromEitherOctave() {
        // every 20 frames an equal pulse: 120 BPM; nothing lies halfway between those beats
        double[] accents = pulsesWithHalfway(1);
        assertThat(MetricalLevel.choose(accents, accents, FRAMES_PER_SECOND, 60, MIN_BPM, MAX_BPM)).isEqualTo(120);
        assertThat(MetricalLevel.choose(accents, accents, FRAMES_PER_SECOND, 120, MIN_BPM, MAX_BPM)).isEqualTo(120);
    }

    @Test
    void withoutAmplitudeOnsetsTheSpectralFluxDecidesAtItsOwnThreshold() {
        double[] noAmplitudeRise = new double[30 * (int) FRAMES_PER_SECOND];
        assertThat(MetricalLevel.halfwayShare(noAmplitudeRise, FRAMES_PER_SECOND, 60)).isNaN();
        // 0.3 doubles on the amplitude rise but not on the flux, whose threshold is 0.5
        assertThat(MetricalLevel.halfwayAreBeats(pulsesWithHalfway(0.3), noAmplitudeRise, FRAMES_PER_SECOND, 60)).isFalse();
        assertThat(MetricalLevel.halfwayAreBeats(pulsesWithHalfway(0.6), noAmplitudeRise, FRAMES_PER_SECOND, 60)).isTrue();
    }

    @Test
    void accentedHalfwayOnsetsDoNotDoubleBeyondWhatListenersTap() {
        // beats every 20 frames (120 BPM) with onsets at 0.9 halfway: the accent rule alone would
        // double to 240, but 240 is so much less preferred than 120 that the eighth notes stay subdivisions
        double[] accents = new double[30 * (int) FRAMES_PER_SECOND];
        for (int t = 0; t < accents.length; t += 20) {
            accents[t] = 1;
            accents[t + 10] = 0.9;
        }
        assertThat(MetricalLevel.halfwayShare(accents, FRAMES_PER_SECOND, 120)).isCloseTo(0.9, within(1e-12));
        assertThat(0.9).isGreaterThan(MetricalLevel.AMPLITUDE_HALFWAY_SHARE);
        assertThat(MetricalLevel.choose(accents, accents, FRAMES_PER_SECOND, 120, MIN_BPM, MAX_BPM)).isEqualTo(120);
    }
}

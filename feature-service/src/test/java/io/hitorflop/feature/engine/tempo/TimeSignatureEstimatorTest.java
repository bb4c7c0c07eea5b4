package io.hitorflop.feature.engine.tempo;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Generated waltz and march accent patterns, one onset per beat every 20 frames: the waltz accents
 * the first of three beats (oom-pah-pah), the march the first of four and, less, the third.
 * Analytic truth: the mean-removed accent sequence of a pattern of period p has autocorrelation 1
 * at every multiple of p.
 */
class TimeSignatureEstimatorTest {

    private static final int BEAT_FRAMES = 20;

    /** An accent envelope with one onset per beat, the heights repeating {@code pattern}, and its beat frames. */
    private static double[] envelope(double[] pattern, int beats, double jitter, long seed) {
        Random random = new Random(seed);
        double[] accents = new double[beats * BEAT_FRAMES + BEAT_FRAMES];
        for (int beat = 0; beat < beats; beat++) {
            accents[BEAT_FRAMES / 2 + beat * BEAT_FRAMES] = pattern[beat % pattern.length] * (1 + jitter * random.nextGaussian());
        }
        return accents;
    }

    private static int[] beatFrames(int beats) {
        int[] frames = new int[beats];
        for (int beat = 0; beat < beats; beat++) {
            frames[beat] = BEAT_FRAMES / 2 + beat * BEAT_FRAMES;
        }
        return frames;
    }

    @Test
    void aWaltzHasThreeBeatsPerBar() {
        double[] waltz = {1.0, 0.4, 0.4};
        assertThat(TimeSignatureEstimator.beatsPerBar(envelope(waltz, 48, 0, 1), beatFrames(48))).isEqualTo(3);
    }

    @Test
    void aMarchHasFourBeatsPerBar() {
        double[] march = {1.0, 0.4, 0.7, 0.4};
        assertThat(TimeSignatureEstimator.beatsPerBar(envelope(march, 48, 0, 1), beatFrames(48))).isEqualTo(4);
    }

    @Test
    void aBackbeatWithTheKickOnOneAndThreeHasFourBeatsPerBar() {
        double[] rock = {1.0, 0.8, 0.9, 0.8};
        assertThat(TimeSignatureEstimator.beatsPerBar(envelope(rock, 64, 0, 1), beatFrames(64))).isEqualTo(4);
    }

    @Test
    void theMetreSurvivesTenPercentJitterInTheAccents() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(TimeSignatureEstimator.beatsPerBar(envelope(new double[] {1.0, 0.4, 0.4}, 60, 0.1, seed), beatFrames(60)))
                    .as("waltz, seed %d", seed).isEqualTo(3);
            assertThat(TimeSignatureEstimator.beatsPerBar(envelope(new double[] {1.0, 0.4, 0.7, 0.4}, 60, 0.1, seed), beatFrames(60)))
                    .as("march, seed %d", seed).isEqualTo(4);
        }
    }

    @Test
    void aPeriodicSequenceCorrelatesFullyAtItsPeriod() {
        double[] acf = TimeSignatureEstimator.normalisedAutocorrelation(new double[] {1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}, 6);
        assertThat(acf[0]).isEqualTo(1.0);
        assertThat(acf[3]).isCloseTo(1.0, within(1e-12));
        assertThat(acf[6]).isCloseTo(1.0, within(1e-12));
        // lag 1 of 1, 0, 0 repeated four times (mean 1/3): 11 products summing to -10/9, against the
        // variance 2/9, gives -5/11 (the -1/2 of an endless sequence, less its edge)
        assertThat(acf[1]).isCloseTo(-5.0 / 11, within(1e-12));
    }

    @Test
    void tooFewBeatsOrEqualAccentsHaveNoMetre() {
        assertThat(TimeSignatureEstimator.beatsPerBar(envelope(new double[] {1.0, 0.4, 0.4}, 15, 0, 1), beatFrames(15)))
                .isEqualTo(TimeSignatureEstimator.UNKNOWN);
        assertThat(TimeSignatureEstimator.beatsPerBar(envelope(new double[] {1.0}, 48, 0, 1), beatFrames(48)))
                .isEqualTo(TimeSignatureEstimator.UNKNOWN);
    }
}

package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.spectral.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole meter on 1 kHz sines generated at 48 kHz as the EBU test signals are: integrated
 * loudness of EBU Tech 3341 cases 1, 2 and 6 (BS.1770-4, ± 0.1 LU), loudness range of EBU Tech 3342
 * cases 1-3 (± 1 LU), and the loudness of each second, where a full-scale 997 Hz sine in one channel
 * reads -3.01 LUFS (the definition of BS.1770-4's -0.691 offset).
 */
class LoudnessMeterTest {

    private static final int RATE = 48_000;
    private static final int BLOCK_FRAMES = 1_000;

    /** A 1 kHz sine stepping through the given levels, {@code seconds} each. */
    private static float[] steps(double seconds, double... dbfs) {
        int stepLength = (int) (seconds * RATE);
        float[] signal = new float[stepLength * dbfs.length];
        for (int step = 0; step < dbfs.length; step++) {
            float[] tone = Signals.sine(1000, Math.pow(10, dbfs[step] / 20), seconds, RATE);
            System.arraycopy(tone, 0, signal, step * stepLength, stepLength);
        }
        return signal;
    }

    /** Interleaves the channels and feeds them in blocks that do not line up with the 100 ms sub-blocks. */
    private static LoudnessResult measure(String layout, float[]... channels) {
        LoudnessMeter meter = new LoudnessMeter(RATE, channels.length, layout);
        float[] block = new float[BLOCK_FRAMES * channels.length];
        int frames = channels[0].length;
        for (int start = 0; start < frames; start += BLOCK_FRAMES) {
            int count = Math.min(BLOCK_FRAMES, frames - start);
            for (int frame = 0; frame < count; frame++) {
                for (int channel = 0; channel < channels.length; channel++) {
                    block[frame * channels.length + channel] = channels[channel][start + frame];
                }
            }
            meter.accept(block, count);
        }
        return meter.result();
    }

    @ParameterizedTest(name = "Tech 3341 case {0}: stereo {1} dBFS")
    @CsvSource({"1,-23", "2,-33"})
    void stereoSineReadsItsLevelInLufs(int testCase, double dbfs) {
        float[] tone = steps(20, dbfs);
        assertThat(measure("stereo", tone, tone).integratedLufs()).isCloseTo(dbfs, within(0.1));
    }

    @Test
    void fiveChannelsOfTech3341Case6ReadMinus23() {
        // L, R -28 dBFS; C -24 dBFS; Ls, Rs -30 dBFS, weighted 1.41
        float[] front = steps(20, -28);
        assertThat(measure("5.0", front, front, steps(20, -24), steps(20, -30), steps(20, -30)).integratedLufs())
                .isCloseTo(-23.0, within(0.1));
    }

    @ParameterizedTest(name = "Tech 3342 case {0}: {1} then {2} dBFS, LRA {3} LU")
    @CsvSource({"1,-20,-30,10", "2,-20,-15,5", "3,-40,-20,20"})
    void levelStepsHaveTheirLoudnessRange(int testCase, double first, double second, double expectedLu) {
        float[] tone = steps(20, first, second);
        assertThat(measure("stereo", tone, tone).rangeLu()).isCloseTo(expectedLu, within(1.0));
    }

    @Test
    void eachSecondReadsItsOwnLoudnessAndTheLastPartialSecondToo() {
        float[] fullScale = Signals.sine(997, 1.0, 3.5, RATE);
        double[] seconds = measure("mono", fullScale).loudnessPerSecond();
        assertThat(seconds).hasSize(4);
        for (double lufs : seconds) {
            assertThat(lufs).isCloseTo(-3.01, within(0.05));
        }
        double[] stepped = measure("mono", steps(1, -20, -30, -40)).loudnessPerSecond();
        assertThat(stepped[1] - stepped[0]).isCloseTo(-10, within(0.05));
        assertThat(stepped[2] - stepped[1]).isCloseTo(-10, within(0.05));
    }

    @Test
    void silenceReadsTheAbsoluteGateAndHasNoRange() {
        LoudnessResult silence = measure("stereo", new float[5 * RATE], new float[5 * RATE]);
        assertThat(silence.integratedLufs()).isEqualTo(LoudnessMeter.ABSOLUTE_GATE_LUFS);
        assertThat(silence.rangeLu()).isZero();
        assertThat(silence.loudnessPerSecond()).hasSize(5).containsOnly(LoudnessMeter.ABSOLUTE_GATE_LUFS);
    }
}

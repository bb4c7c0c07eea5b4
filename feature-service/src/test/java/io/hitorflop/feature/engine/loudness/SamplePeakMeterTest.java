package io.hitorflop.feature.engine.loudness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Sample peak as ITU-R BS.1770-4 annex 2 starts from (the largest absolute sample, not the true peak), in dBFS. */
class SamplePeakMeterTest {

    /** Stereo sine at a quarter of the sample rate: its samples are 0, A, 0, -A, so the sample peak is A. */
    private static float[] quarterRateSine(double leftAmplitude, double rightAmplitude, int frames) {
        float[] interleaved = new float[2 * frames];
        for (int i = 0; i < frames; i++) {
            double unit = Math.sin(Math.PI / 2 * i);
            interleaved[2 * i] = (float) (leftAmplitude * unit);
            interleaved[2 * i + 1] = (float) (rightAmplitude * unit);
        }
        return interleaved;
    }

    @Test
    void sinePeaksAtItsAmplitudeOnEitherChannel() {
        SamplePeakMeter meter = new SamplePeakMeter(2);
        meter.accept(quarterRateSine(0.1, 0.5, 1000), 1000);
        assertThat(meter.peakDbfs()).isCloseTo(20 * Math.log10(0.5), within(1e-4));
        meter.accept(quarterRateSine(0.9, 0.2, 1000), 1000);
        assertThat(meter.peakDbfs()).isCloseTo(20 * Math.log10(0.9), within(1e-4));
    }

    @Test
    void onlyTheGivenFramesCount() {
        SamplePeakMeter meter = new SamplePeakMeter(2);
        // the peak is the right channel of the last given frame; the frame after it is louder but not given
        float[] block = quarterRateSine(0.25, 0.25, 100);
        block[2 * 49 + 1] = 0.75f;
        block[2 * 50] = 1f;
        meter.accept(block, 50);
        assertThat(meter.peakDbfs()).isCloseTo(20 * Math.log10(0.75), within(1e-4));
    }

    @Test
    void silenceReadsTheFloor() {
        SamplePeakMeter meter = new SamplePeakMeter(1);
        meter.accept(new float[4800], 4800);
        assertThat(meter.peakDbfs()).isEqualTo(SamplePeakMeter.SILENCE_DBFS);
    }
}

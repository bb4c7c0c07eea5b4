package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.signal.PcmConsumer;

/** Highest absolute sample value over all channels, in dBFS (sample peak, not the true peak of BS.1770 annex 2). */
public final class SamplePeakMeter implements PcmConsumer {

    /** Reported for digital silence, where the peak is minus infinity. */
    public static final double SILENCE_DBFS = -120.0;

    private final int channels;
    private float peak;

    public SamplePeakMeter(int channels) {
        this.channels = channels;
    }

    @Override
    public void accept(float[] interleaved, int frames) {
        int samples = frames * channels;
        float max = peak;
        for (int i = 0; i < samples; i++) {
            float magnitude = Math.abs(interleaved[i]);
            if (magnitude > max) {
                max = magnitude;
            }
        }
        peak = max;
    }

    public double peakDbfs() {
        return peak == 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 20.0 * Math.log10(peak));
    }
}

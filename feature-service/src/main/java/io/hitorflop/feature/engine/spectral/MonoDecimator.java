package io.hitorflop.feature.engine.spectral;

import io.hitorflop.feature.engine.decode.PcmConsumer;

/**
 * Builds the analysis signal: averages the channels to mono (as librosa's {@code to_mono}) and
 * reduces the rate by an integer factor behind a Blackman-windowed-sinc low-pass FIR (cut-off at
 * 90 % of the new Nyquist), so 44.1/48 kHz sources are analysed at 22.05/24 kHz. Only the kept
 * output samples are computed.
 */
public final class MonoDecimator implements PcmConsumer {

    private static final int TAPS_PER_FACTOR = 12;

    private final int channels;
    private final int factor;
    private final float[] taps;
    private final MonoConsumer downstream;
    /** The last taps.length - 1 mono input samples followed by the current block. */
    private float[] history;
    private int historyLength;
    private float[] output = new float[0];

    public MonoDecimator(int channels, int factor, MonoConsumer downstream) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, was " + factor);
        }
        this.channels = channels;
        this.factor = factor;
        this.downstream = downstream;
        this.taps = factor == 1 ? new float[] {1f} : lowPass(TAPS_PER_FACTOR * factor + 1, 0.9 / (2.0 * factor));
        this.history = new float[taps.length - 1];
        this.historyLength = taps.length - 1;
    }

    /** The integer factor that brings {@code sourceRate} closest to {@code targetRate} (never upsampling). */
    public static int factorFor(int sourceRate, int targetRate) {
        return Math.max(1, (int) Math.round((double) sourceRate / targetRate));
    }

    @Override
    public void accept(float[] interleaved, int frames) {
        int needed = historyLength + frames;
        if (history.length < needed) {
            history = java.util.Arrays.copyOf(history, needed);
        }
        float scale = 1f / channels;
        int index = 0;
        for (int frame = 0; frame < frames; frame++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[index++];
            }
            history[historyLength + frame] = sum * scale;
        }
        int available = historyLength + frames;
        int maxOut = frames / factor + 1;
        if (output.length < maxOut) {
            output = new float[maxOut];
        }
        int produced = 0;
        int tapCount = taps.length;
        // output sample n uses history[start .. start + tapCount), start advancing by factor
        int start = 0;
        while (start + tapCount <= available) {
            float acc = 0;
            for (int k = 0; k < tapCount; k++) {
                acc += taps[k] * history[start + k];
            }
            output[produced++] = acc;
            start += factor;
        }
        int keepFrom = start;
        int keep = available - keepFrom;
        System.arraycopy(history, keepFrom, history, 0, keep);
        historyLength = keep;
        if (produced > 0) {
            downstream.accept(output, produced);
        }
    }

    private static float[] lowPass(int length, double cutoffPerSample) {
        float[] kernel = new float[length];
        int middle = length / 2;
        double sum = 0;
        for (int n = 0; n < length; n++) {
            int offset = n - middle;
            double sinc = offset == 0 ? 2 * cutoffPerSample
                    : Math.sin(2 * Math.PI * cutoffPerSample * offset) / (Math.PI * offset);
            double blackman = 0.42 - 0.5 * Math.cos(2 * Math.PI * n / (length - 1))
                    + 0.08 * Math.cos(4 * Math.PI * n / (length - 1));
            kernel[n] = (float) (sinc * blackman);
            sum += kernel[n];
        }
        for (int n = 0; n < length; n++) {
            kernel[n] /= (float) sum;
        }
        return kernel;
    }
}

package io.hitorflop.feature.engine.spectral;

import io.hitorflop.feature.engine.signal.PcmConsumer;

/**
 * Builds the analysis signal: averages the channels to mono (as librosa's {@code to_mono}) and
 * reduces the rate by an integer factor behind a Blackman-windowed-sinc low-pass FIR with its
 * cut-off at the new Nyquist frequency, so 44.1/48 kHz sources are analysed at 22.05/24 kHz. For
 * the common factor 2 this is a half-band filter whose every other tap is zero; only the non-zero
 * taps and only the kept output samples are computed (this halved the decimator's cost). The
 * little aliasing it allows lands in the top few hundred hertz of the analysis band, above what
 * the tempo, key and spectral descriptors look at.
 */
public final class MonoDecimator implements PcmConsumer {

    private static final int TAPS_PER_FACTOR = 12;

    private final int channels;
    private final int factor;
    private final float[] taps;
    private final int[] tapOffsets;
    private final int span;
    private final MonoConsumer downstream;
    /** The last taps.length - 1 mono input samples followed by the current block. */
    private float[] history;
    private int historyLength;
    private float[] output = new float[0];
    private final float[][] phases;

    public MonoDecimator(int channels, int factor, MonoConsumer downstream) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, was " + factor);
        }
        this.channels = channels;
        this.factor = factor;
        this.downstream = downstream;
        float[] kernel = factor == 1 ? new float[] {1f} : lowPass(TAPS_PER_FACTOR * factor + 1, 0.5 / factor);
        this.span = kernel.length;
        int nonZero = 0;
        for (float tap : kernel) {
            nonZero += Math.abs(tap) > 1e-9f ? 1 : 0;
        }
        this.taps = new float[nonZero];
        this.tapOffsets = new int[nonZero];
        for (int k = 0, i = 0; k < kernel.length; k++) {
            if (Math.abs(kernel[k]) > 1e-9f) {
                taps[i] = kernel[k];
                tapOffsets[i++] = k;
            }
        }
        this.phases = new float[factor][0];
        this.history = new float[span - 1];
        this.historyLength = span - 1;
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
        toMono(interleaved, frames, historyLength);
        int available = historyLength + frames;
        // output n is the dot product of the taps with history[n * factor ..]; it is computed tap by
        // tap over polyphase copies of the history so every inner loop is a contiguous, vectorisable
        // multiply-add
        int produced = available < span ? 0 : (available - span) / factor + 1;
        if (produced > 0) {
            int phaseLength = produced + (span - 1) / factor + 1;
            if (output.length < produced || phases[0].length < phaseLength) {
                output = new float[Math.max(produced, output.length)];
                for (int p = 0; p < factor; p++) {
                    phases[p] = new float[phaseLength];
                }
            }
            for (int p = 0; p < factor; p++) {
                float[] phase = phases[p];
                int count = Math.min(phaseLength, (available - p + factor - 1) / factor);
                for (int m = 0; m < count; m++) {
                    phase[m] = history[p + m * factor];
                }
            }
            java.util.Arrays.fill(output, 0, produced, 0f);
            for (int k = 0; k < taps.length; k++) {
                float tap = taps[k];
                float[] phase = phases[tapOffsets[k] % factor];
                int shift = tapOffsets[k] / factor;
                for (int n = 0; n < produced; n++) {
                    output[n] += tap * phase[n + shift];
                }
            }
        }
        int keepFrom = produced * factor;
        int keep = available - keepFrom;
        System.arraycopy(history, keepFrom, history, 0, keep);
        historyLength = keep;
        if (produced > 0) {
            downstream.accept(output, produced);
        }
    }

    /** The channel average of each frame into {@code history} from {@code at} on. */
    private void toMono(float[] interleaved, int frames, int at) {
        float scale = 1f / channels;
        if (channels == 2) {
            // stereo, nearly every file, with the channel loop unrolled: the generic loop below cost
            // more than the filter; the sum is formed exactly as there, so the samples are identical
            for (int frame = 0, index = 0; frame < frames; frame++, index += 2) {
                float sum = 0;
                sum += interleaved[index];
                sum += interleaved[index + 1];
                history[at + frame] = sum * scale;
            }
            return;
        }
        int index = 0;
        for (int frame = 0; frame < frames; frame++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[index++];
            }
            history[at + frame] = sum * scale;
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

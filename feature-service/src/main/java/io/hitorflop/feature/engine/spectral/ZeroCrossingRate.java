package io.hitorflop.feature.engine.spectral;

/**
 * Fraction of consecutive sample pairs of the analysis signal whose sign differs: the mean
 * zero-crossing rate (Peeters 2004; librosa's {@code zero_crossing_rate}, zero counted as positive).
 */
public final class ZeroCrossingRate implements MonoConsumer {

    private boolean previousNegative;
    private long crossings;
    private long pairs;
    private boolean started;

    @Override
    public void accept(float[] samples, int count) {
        if (count <= 0) {
            return;
        }
        int first = 0;
        if (!started) {
            previousNegative = samples[0] < 0;
            started = true;
            first = 1;
        }
        // counted without a branch per sample: a sign change is as likely as not in noisy music
        boolean negative = previousNegative;
        long changes = 0;
        for (int i = first; i < count; i++) {
            boolean next = samples[i] < 0;
            changes += next != negative ? 1 : 0;
            negative = next;
        }
        crossings += changes;
        pairs += count - first;
        previousNegative = negative;
    }

    public double rate() {
        return pairs == 0 ? 0 : (double) crossings / pairs;
    }
}

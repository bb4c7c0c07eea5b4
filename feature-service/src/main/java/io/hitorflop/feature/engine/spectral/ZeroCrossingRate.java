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
        for (int i = 0; i < count; i++) {
            boolean negative = samples[i] < 0;
            if (started) {
                if (negative != previousNegative) {
                    crossings++;
                }
                pairs++;
            }
            previousNegative = negative;
            started = true;
        }
    }

    public double rate() {
        return pairs == 0 ? 0 : (double) crossings / pairs;
    }
}

package io.hitorflop.feature.engine.spectral;

/**
 * Mean spectral roll-off in Hz: the frequency below which 85 % of a frame's magnitude lies (Peeters
 * 2004; as librosa's {@code spectral_rolloff(roll_percent=0.85)}), averaged over frames with energy.
 */
public final class SpectralRolloff implements SpectrumConsumer {

    private static final double ROLL_FRACTION = 0.85;

    private final double binHz;
    private double sum;
    private long frames;

    public SpectralRolloff(int fftSize, double sampleRate) {
        this.binHz = sampleRate / fftSize;
    }

    @Override
    public void accept(float[] power, float[] magnitude) {
        // the total as two partial sums (even and odd bins), so an addition need not wait for the one
        // before; the cumulative scan below stays sequential
        double totalEven = 0;
        double totalOdd = 0;
        int last = magnitude.length - 1;
        for (int bin = 0; bin < last; bin += 2) {
            totalEven += magnitude[bin];
            totalOdd += magnitude[bin + 1];
        }
        if (magnitude.length % 2 == 1) {
            totalEven += magnitude[last];
        }
        double total = totalEven + totalOdd;
        if (total <= 0) {
            return;
        }
        double threshold = ROLL_FRACTION * total;
        double cumulative = 0;
        int bin = 0;
        while (bin < magnitude.length - 1 && (cumulative += magnitude[bin]) < threshold) {
            bin++;
        }
        sum += bin * binHz;
        frames++;
    }

    public double meanHz() {
        return frames == 0 ? 0 : sum / frames;
    }
}

package io.hitorflop.feature.engine.spectral;

/**
 * Mean spectral centroid in Hz: the magnitude-weighted mean frequency of each frame (Peeters 2004;
 * as librosa's {@code spectral_centroid}), averaged over the frames that carry any energy.
 */
public final class SpectralCentroid implements SpectrumConsumer {

    private final double binHz;
    private double sum;
    private long frames;

    public SpectralCentroid(int fftSize, double sampleRate) {
        this.binHz = sampleRate / fftSize;
    }

    @Override
    public void accept(float[] power, float[] magnitude) {
        // two partial sums of each (even and odd bins), so an addition need not wait for the one
        // before: the sums then differ from the sequential ones by rounding only (about 1e-16)
        double weightedEven = 0;
        double weightedOdd = 0;
        double totalEven = 0;
        double totalOdd = 0;
        int bin = 0;
        for (; bin + 1 < magnitude.length; bin += 2) {
            weightedEven += bin * magnitude[bin];
            totalEven += magnitude[bin];
            weightedOdd += (bin + 1) * magnitude[bin + 1];
            totalOdd += magnitude[bin + 1];
        }
        if (bin < magnitude.length) {
            weightedEven += bin * magnitude[bin];
            totalEven += magnitude[bin];
        }
        double weighted = weightedEven + weightedOdd;
        double total = totalEven + totalOdd;
        if (total > 0) {
            sum += binHz * weighted / total;
            frames++;
        }
    }

    public double meanHz() {
        return frames == 0 ? 0 : sum / frames;
    }
}

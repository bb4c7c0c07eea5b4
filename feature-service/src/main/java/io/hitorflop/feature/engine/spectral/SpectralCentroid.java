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
        double weighted = 0;
        double total = 0;
        for (int bin = 0; bin < magnitude.length; bin++) {
            weighted += bin * magnitude[bin];
            total += magnitude[bin];
        }
        if (total > 0) {
            sum += binHz * weighted / total;
            frames++;
        }
    }

    public double meanHz() {
        return frames == 0 ? 0 : sum / frames;
    }
}

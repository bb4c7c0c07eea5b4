package io.hitorflop.feature.engine.spectral;

/** Receives one short-time power spectrum per analysis frame. */
public interface SpectrumConsumer {

    /**
     * @param power     power of bins 0..size/2, scaled so a full-scale sine peaks near 1 (0 dB)
     * @param magnitude square root of {@code power}, computed once for every consumer; both arrays
     *                  are reused for the next frame
     */
    void accept(float[] power, float[] magnitude);
}

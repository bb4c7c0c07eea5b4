package io.hitorflop.feature.engine.spectral;

/** Receives one short-time power spectrum per analysis frame. */
public interface SpectrumConsumer {

    /**
     * @param power power of bins 0..size/2, scaled so a full-scale sine peaks near 1 (0 dB); reused
     *              for the next frame
     */
    void accept(float[] power);
}

package io.hitorflop.feature.engine.spectral;

/** Receives the mono analysis signal block by block. */
public interface MonoConsumer {

    /** @param samples the first {@code count} values are new samples; the array is reused afterwards */
    void accept(float[] samples, int count);
}

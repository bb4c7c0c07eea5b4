package io.hitorflop.feature.engine.signal;

/** Receives decoded audio block by block, as it streams out of ffmpeg. */
public interface PcmConsumer {

    /**
     * @param interleaved {@code frames * channels} samples in [-1, 1], channel-interleaved; the
     *                    array is reused for the next block, so copy what must be kept
     */
    void accept(float[] interleaved, int frames);
}

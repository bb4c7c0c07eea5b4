package io.hitorflop.feature.engine.decode;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.feature.engine.signal.PcmConsumer;

import java.time.Duration;

/** One file being decoded: first {@link #probe}d, then its PCM is read once, by {@link #readInto}. */
public interface PcmDecoding extends AutoCloseable {

    /** Frames handed to the consumer at a time (the last block may be shorter). */
    int FRAMES_PER_BLOCK = 8192;

    /**
     * What the file holds.
     *
     * @throws AudioRejectedException {@code UNSUPPORTED_AUDIO} when the file is not decodable audio;
     *                                {@code AUDIO_TOO_LONG} when it is longer than {@code maxDuration}
     * @throws AudioDecodeException   the decoder failed or timed out
     */
    ProbedAudio probe(Duration maxDuration) throws AudioRejectedException;

    /**
     * Streams the decoded PCM, as float samples in [-1, 1] in blocks of interleaved frames, to {@code consumer}.
     *
     * @param probed    what {@link #probe} returned: its channel count frames the PCM
     * @param maxFrames decoding stops with {@code AUDIO_TOO_LONG} once more frames than this arrive
     * @return the number of frames (samples per channel) decoded
     * @throws AudioRejectedException the data was rejected, held no samples or was too long
     * @throws AudioDecodeException   the decoder failed or timed out
     */
    long readInto(ProbedAudio probed, long maxFrames, PcmConsumer consumer) throws AudioRejectedException;

    @Override
    void close();
}

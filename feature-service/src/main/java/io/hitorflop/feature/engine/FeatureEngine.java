package io.hitorflop.feature.engine;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.feature.engine.decode.AudioDecodeException;
import io.hitorflop.feature.engine.decode.FfmpegPcmDecoder;
import io.hitorflop.feature.engine.decode.PcmDecoding;
import io.hitorflop.feature.engine.decode.WaveFileDecoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns an audio file into the model features, the descriptors and the spectral DNA in one
 * streaming pass of one ffmpeg process (a plain PCM WAVE file is read without one: {@link WaveFileDecoding}):
 * what the decoder reports about the file is checked first, then its float PCM (at the file's own rate and
 * channels) is measured by a {@link TrackAnalyzer} as the blocks arrive.
 */
public final class FeatureEngine {

    private final EngineSettings settings;
    private final FfmpegPcmDecoder decoder;

    public FeatureEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoder = new FfmpegPcmDecoder(settings.ffmpegPath(), settings.decodeTimeout());
    }

    /**
     * Checks, decodes and measures {@code audio}. Thread-safe: each call uses its own buffers.
     *
     * @throws AudioRejectedException the input is not decodable audio or exceeds a limit
     * @throws AudioDecodeException   ffmpeg could not be run, crashed or timed out
     */
    public TrackAnalysis analyze(Path audio) throws AudioRejectedException {
        requireNonEmptyFile(audio);
        try (PcmDecoding decoding = WaveFileDecoding.open(audio).orElseGet(() -> decoder.start(audio))) {
            ProbedAudio probed = decoding.probe(settings.maxDuration());
            TrackAnalyzer analyzer = new TrackAnalyzer(probed, settings.analysisSampleRate());
            long maxFrames = (long) Math.ceil(settings.maxDuration().toMillis() / 1000.0 * probed.sampleRate());
            long frames = decoding.readInto(probed, maxFrames, analyzer);
            return analyzer.finish(frames);
        }
    }

    private static void requireNonEmptyFile(Path file) throws AudioRejectedException {
        if (!Files.isRegularFile(file)) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "no such file: " + file);
        }
        try {
            if (Files.size(file) == 0) {
                throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "the file is empty");
            }
        } catch (IOException e) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "cannot read " + file + ": " + e.getMessage());
        }
    }
}

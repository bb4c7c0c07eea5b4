package io.hitorflop.feature.engine;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.feature.engine.decode.AudioDecodeException;
import io.hitorflop.feature.engine.decode.AudioProbe;
import io.hitorflop.feature.engine.decode.FfmpegPcmDecoder;
import io.hitorflop.audiostore.ProbedAudio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns an audio file into the model features, the descriptors and the spectral DNA in one
 * streaming pass: ffprobe checks the file, ffmpeg (started at the same time) decodes it to float PCM at its own rate and
 * channels, and a {@link TrackAnalyzer} measures the blocks as they arrive.
 */
public final class FeatureEngine {

    private final EngineSettings settings;
    private final AudioProbe probe;
    private final FfmpegPcmDecoder decoder;

    public FeatureEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.probe = new AudioProbe(settings.ffprobePath(), settings.decodeTimeout());
        this.decoder = new FfmpegPcmDecoder(settings.ffmpegPath(), settings.decodeTimeout());
    }

    /**
     * Probes, decodes and measures {@code audio}. Thread-safe: each call uses its own buffers.
     *
     * @throws AudioRejectedException the input is not decodable audio or exceeds a limit
     * @throws AudioDecodeException   ffmpeg could not be run, crashed or timed out
     */
    public TrackAnalysis analyze(Path audio) throws AudioRejectedException {
        // ffmpeg starts beside ffprobe and is killed unread if the probe rejects the file: the two
        // start-ups overlap instead of adding up (about 50 ms each, a sixth of a 3-minute analysis)
        try (FfmpegPcmDecoder.Decoding decoding = decoder.start(audio)) {
            ProbedAudio probed = probe.probe(audio, settings.maxDuration());
            TrackAnalyzer analyzer = new TrackAnalyzer(probed, settings.analysisSampleRate());
            long maxFrames = (long) Math.ceil(settings.maxDuration().toMillis() / 1000.0 * probed.sampleRate());
            long frames = decoding.readInto(probed, maxFrames, analyzer);
            return analyzer.finish(frames);
        }
    }
}

package io.hitorflop.feature.engine;

import java.nio.file.Path;
import java.util.Objects;

/** Turns an audio file into the model features, the descriptors and the spectral DNA. */
public final class FeatureEngine {

    private final EngineSettings settings;

    public FeatureEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Probes, decodes and measures {@code audio}. Thread-safe: each call uses its own buffers.
     *
     * @throws AudioRejectedException the input is not decodable audio or exceeds a limit
     * @throws AudioDecodeException   ffmpeg could not be run, crashed or timed out
     */
    public TrackAnalysis analyze(Path audio) throws AudioRejectedException {
        throw new AudioDecodeException("feature engine under construction; settings " + settings);
    }
}

package io.hitorflop.feature.config;

import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.MusicalContentCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the engine and the musical-content check from configuration; both are thread-safe and shared (the audio store comes from {@code audio-store}). */
public class FeatureServiceProducers {

    @Produces
    @ApplicationScoped
    FeatureEngine featureEngine(FeatureConfig config) {
        return new FeatureEngine(new EngineSettings(config.ffmpegPath(), config.decodeTimeout(),
                config.maxAudioDuration(), config.analysisSampleRate()));
    }

    @Produces
    @ApplicationScoped
    MusicalContentCheck musicalContentCheck(FeatureConfig config) {
        FeatureConfig.MusicalContent limits = config.musicalContent();
        return new MusicalContentCheck(new MusicalContentCheck.Thresholds(limits.silenceLufs(),
                limits.minPulseStrength(), limits.minKeyCorrelation(), limits.minPitchClasses()));
    }
}

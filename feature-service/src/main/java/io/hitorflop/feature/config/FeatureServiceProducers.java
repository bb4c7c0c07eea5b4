package io.hitorflop.feature.config;

import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.audiostore.FileSystemAudioStore;
import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.MusicalContentCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;

/** Builds the engine, the musical-content check and the audio store from configuration; all are thread-safe and shared. */
public class FeatureServiceProducers {

    @Produces
    @ApplicationScoped
    FeatureEngine featureEngine(FeatureConfig config) {
        return new FeatureEngine(new EngineSettings(config.ffmpegPath(), config.ffprobePath(), config.decodeTimeout(),
                config.maxAudioDuration(), config.analysisSampleRate()));
    }

    @Produces
    @ApplicationScoped
    MusicalContentCheck musicalContentCheck(FeatureConfig config) {
        FeatureConfig.MusicalContent limits = config.musicalContent();
        return new MusicalContentCheck(new MusicalContentCheck.Thresholds(limits.silenceLufs(),
                limits.minPulseStrength(), limits.minKeyCorrelation(), limits.minPitchClasses()));
    }

    @Produces
    @ApplicationScoped
    AudioStore audioStore(AudioStoreConfig config) throws IOException {
        return new FileSystemAudioStore(config.dir());
    }
}

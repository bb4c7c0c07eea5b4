package io.hitorflop.audiostore.config;

import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.audiostore.FileSystemAudioStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;

/** The store both services use: a directory, configured by {@link AudioStoreConfig}. */
public class AudioStoreProducer {

    @Produces
    @ApplicationScoped
    AudioStore audioStore(AudioStoreConfig config) throws IOException {
        return new FileSystemAudioStore(config.dir());
    }
}

package io.hitorflop.audiostore.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

/** The claim-check store the ingest and feature services share ({@code hitorflop.audio-store.*}). */
@ConfigMapping(prefix = "hitorflop.audio-store")
public interface AudioStoreConfig {

    /** Directory both services mount; ingest writes, the feature service reads and deletes. */
    Path dir();
}

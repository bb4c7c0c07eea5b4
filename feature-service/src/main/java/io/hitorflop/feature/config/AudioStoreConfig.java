package io.hitorflop.feature.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

/** The claim-check store shared with the ingest service ({@code hitorflop.audio-store.*}). */
@ConfigMapping(prefix = "hitorflop.audio-store")
public interface AudioStoreConfig {

    /** Directory both services mount; ingest writes, this service reads and deletes. */
    Path dir();
}

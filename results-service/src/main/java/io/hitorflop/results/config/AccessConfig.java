package io.hitorflop.results.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * API keys ({@code hitorflop.security.*}, the same keys as the ingest service); see README.md.
 * Access control is on when at least one key is configured.
 */
@ConfigMapping(prefix = "hitorflop.security")
public interface AccessConfig {

    /** {@code id:sha256hex} entries: a key's id and the SHA-256 of the key, never the key itself. */
    Optional<List<String>> apiKeys();
}

package io.hitorflop.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Edge security ({@code hitorflop.security.*}), read under the same keys as the ingest service so
 * one configuration serves both; see README.md and docs/security.md.
 */
@ConfigMapping(prefix = "hitorflop.security")
public interface SecurityConfig {

    ApiKeysConfig apiKeys();

    EgressConfig egress();

    interface ApiKeysConfig {

        /** When false (the local default) {@code /v1} is open and every job is visible; the start-up log warns. */
        @WithDefault("false")
        boolean enabled();

        /** {@code id:sha256hex} entries: a key's id and the SHA-256 of the key, never the key itself. */
        Optional<List<String>> keys();
    }

    interface EgressConfig {

        /** CIDR blocks and host names webhooks may reach besides public addresses; empty by default. */
        Optional<List<String>> allowList();
    }
}

package io.hitorflop.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Edge security ({@code hitorflop.security.*}); the ingest and results services read the same
 * keys, so one configuration serves both. See docs/security.md.
 */
@ConfigMapping(prefix = "hitorflop.security")
public interface SecurityConfig {

    ApiKeysConfig apiKeys();

    EgressConfig egress();

    interface ApiKeysConfig {

        /**
         * When false (the local default) the service runs in the explicit anonymous local mode:
         * every request is served as {@code Anonymous}, ingest gives jobs no owner and results shows
         * every job; the start-up log warns. When true, every request needs a key except those to
         * {@link #publicPaths()}.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The decoded paths served without a key when keys are on, compared exactly (no prefixes):
         * the health endpoints probes call. Everything else, {@code /q/metrics} and
         * {@code /q/openapi} included, needs a key.
         */
        @WithDefault("/q/health,/q/health/live,/q/health/ready,/q/health/started")
        List<String> publicPaths();

        /**
         * {@code id:sha256hex} entries: a key's id and the SHA-256 of the key, never the key itself
         * (the hex being {@code printf %s "$KEY" | sha256sum}).
         */
        Optional<List<String>> keys();
    }

    interface EgressConfig {

        /**
         * CIDR blocks and host names outbound requests (ingest's link downloads, results' webhooks)
         * may reach besides public addresses; empty by default.
         */
        Optional<List<String>> allowList();
    }
}

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
         * When false (the local default) {@code /v1} is open: ingest gives jobs no owner and results
         * shows every job; the start-up log warns.
         */
        @WithDefault("false")
        boolean enabled();

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

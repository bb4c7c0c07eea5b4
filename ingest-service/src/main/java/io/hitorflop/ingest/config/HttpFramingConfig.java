package io.hitorflop.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How requests must arrive on the wire ({@code hitorflop.http.*}). */
@ConfigMapping(prefix = "hitorflop.http")
public interface HttpFramingConfig {

    /**
     * Longest pause in the middle of a request body; a client that stalls longer gets 408 and its
     * connection is closed, so a half-sent upload does not hold a connection and a temporary file
     * until the 30-minute {@code quarkus.http.idle-timeout}.
     */
    @WithDefault("30s")
    Duration bodyIdleTimeout();
}

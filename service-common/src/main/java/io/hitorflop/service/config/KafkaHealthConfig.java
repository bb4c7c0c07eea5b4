package io.hitorflop.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The broker reachability check behind every service's readiness ({@code hitorflop.health.kafka.*}). */
@ConfigMapping(prefix = "hitorflop.health.kafka")
public interface KafkaHealthConfig {

    /** Longest wait for the broker to describe its cluster; no answer in time is NOT READY. */
    @WithDefault("PT2S")
    Duration timeout();

    /** An answer is reused this long, so frequent or parallel probes cost the broker one request. */
    @WithDefault("PT1S")
    Duration cacheFor();
}

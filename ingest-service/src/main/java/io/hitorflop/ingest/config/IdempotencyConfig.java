package io.hitorflop.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Idempotency-Key handling of {@code POST /v1/jobs} ({@code hitorflop.idempotency.*}). */
@ConfigMapping(prefix = "hitorflop.idempotency")
public interface IdempotencyConfig {

    /** How long a key is remembered after its first use; a later request with it is a new request. */
    @WithDefault("PT24H")
    Duration expiry();

    /**
     * A first request still unfinished after this long is taken to have died with its replica
     * (uploads finish within the transcode timeout), and the key can be used again.
     */
    @WithDefault("PT5M")
    Duration abandonedAfter();

    /** How often expired keys are deleted (a Quarkus scheduler period). */
    @WithDefault("1h")
    String purgeEvery();
}

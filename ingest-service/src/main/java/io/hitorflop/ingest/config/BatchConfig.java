package io.hitorflop.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Catalogue batches, {@code POST /v1/batches} ({@code hitorflop.ingest.batches.*}). */
@ConfigMapping(prefix = "hitorflop.ingest.batches")
public interface BatchConfig {

    /** Data rows a batch may have; more is 413 too-many-rows (nothing is published). */
    @WithDefault("100000")
    int maxRows();

    /** Bytes a batch file may have; more is 413 payload-too-large. A 100,000-row Spotify CSV is about 12 MB. */
    @WithDefault("64M")
    MemorySize maxBytes();

    /** Batches of one API key (or of the anonymous local mode) not yet complete; one more is 429 too-many-batches. */
    @WithDefault("2")
    int maxRunningPerKey();

    /**
     * A batch whose completion was not reported within this time no longer counts as running (its
     * {@code BatchCompleted} was lost, or its rows were only partly published), so a key cannot be
     * locked out for good.
     */
    @WithDefault("PT6H")
    Duration runningExpiresAfter();

    /** Jobs published per Kafka transaction. */
    @WithDefault("500")
    int jobsPerTransaction();

    /** Columns a batch file may have; more is 400 invalid-batch. */
    @WithDefault("64")
    int maxColumns();

    /** An echoed column value (id, title, ...) is cut to this many characters. */
    @WithDefault("1024")
    int maxColumnChars();
}

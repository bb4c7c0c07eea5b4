package io.hitorflop.results.config;

import io.hitorflop.contract.JobStatus;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Settings of the results service ({@code hitorflop.results.*}); see README.md. */
@ConfigMapping(prefix = "hitorflop.results")
public interface ResultsConfig {

    Sweep sweep();

    Paging paging();

    @WithName("processed-events")
    ProcessedEvents processedEvents();

    /** Attempts at storing one event before it goes to the dead-letter topic. */
    @WithDefault("3")
    int storeAttempts();

    interface Sweep {

        /** How often stuck jobs are looked for. */
        @WithDefault("30s")
        Duration interval();

        /** How many stuck jobs one sweep fails at most. */
        @WithDefault("100")
        int batchSize();

        Timeout timeout();

        /** How long a job may stay in each non-final state, counted from the event that put it there. */
        interface Timeout {

            @WithDefault("10m")
            Duration queued();

            @WithName("audio-ready")
            @WithDefault("15m")
            Duration audioReady();

            @WithName("features-ready")
            @WithDefault("5m")
            Duration featuresReady();

            default Duration of(JobStatus status) {
                return switch (status) {
                    case QUEUED -> queued();
                    case AUDIO_READY -> audioReady();
                    case FEATURES_READY -> featuresReady();
                    case DONE, FAILED -> throw new IllegalArgumentException(status + " is final");
                };
            }
        }
    }

    /**
     * The ids of applied events are kept this long to recognise redeliveries; keep it longer than
     * the topics' retention (Kafka's default: 7 days), beyond which nothing can be redelivered.
     */
    interface ProcessedEvents {

        @WithDefault("8d")
        Duration retention();

        @WithName("prune-interval")
        @WithDefault("1h")
        Duration pruneInterval();
    }

    interface Paging {

        @WithName("default-size")
        @WithDefault("20")
        int defaultSize();

        @WithName("max-size")
        @WithDefault("100")
        int maxSize();
    }
}

package io.hitorflop.results.config;

import io.hitorflop.contract.JobStatus;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Settings of the results service ({@code hitorflop.results.*}); see README.md. */
@ConfigMapping(prefix = "hitorflop.results")
public interface ResultsConfig {

    Sweep sweep();

    Paging paging();

    @WithName("processed-events")
    ProcessedEvents processedEvents();

    Webhooks webhooks();

    Events events();

    /**
     * Longest text an event may carry in one field (file name, URL, owner); an event with a longer
     * one, a NUL or a lone surrogate fails its job with {@code invalid-event}. Keep it above the
     * ingest service's limits, which refuse such text at submission.
     */
    @WithName("max-text-length")
    @WithDefault("8192")
    int maxTextLength();

    /** Attempts at storing one event before it goes to the dead-letter topic (data errors: one). */
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

    /** Webhooks posted when a job ends (Standard Webhooks). */
    interface Webhooks {

        /**
         * {@code whsec_} + base64 of 24 to 64 random bytes; receivers verify signatures with it.
         * Without one, webhooks are kept in the outbox and not sent (a warning says so at start).
         */
        Optional<String> secret();

        /** How long one attempt may take, connection included. */
        @WithDefault("15s")
        Duration timeout();

        /** Attempts before giving up. */
        @WithName("max-attempts")
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; each further failure doubles it (with jitter) up to {@link #maxDelay()}. */
        @WithName("initial-delay")
        @WithDefault("10s")
        Duration initialDelay();

        @WithName("max-delay")
        @WithDefault("1h")
        Duration maxDelay();

        /** The longest {@code Retry-After} obeyed; a longer one is cut to this. */
        @WithName("retry-after-limit")
        @WithDefault("6h")
        Duration retryAfterLimit();

        /** How often due webhooks are looked for. */
        @WithName("poll-interval")
        @WithDefault("1s")
        Duration pollInterval();

        /** Senders per replica working side by side (a receiver that times out holds up only one). */
        @WithDefault("4")
        int concurrency();

        /** Webhooks one sender sends per poll, at most. */
        @WithName("batch-size")
        @WithDefault("10")
        int batchSize();
    }

    /** The job event streams, {@code GET /v1/jobs/{id}/events}. */
    interface Events {

        /** A comment line is sent this often, so proxies and clients see an idle stream is alive. */
        @WithName("keep-alive")
        @WithDefault("15s")
        Duration keepAlive();

        /**
         * How often the open streams' jobs are looked up in the database: a state another replica
         * recorded reaches a stream here at most this much later (this replica's own are pushed at once).
         */
        @WithName("reread-interval")
        @WithDefault("2s")
        Duration rereadInterval();

        /** Streams one caller (an API key; in the anonymous local mode everyone) may hold open; beyond: 429. */
        @WithName("max-per-caller")
        @WithDefault("16")
        int maxPerCaller();

        /** Streams this replica holds open at most; beyond: 503. */
        @WithName("max-open")
        @WithDefault("512")
        int maxOpen();

        /** The {@code retry} a stream tells its clients: how long to wait before reconnecting. */
        @WithName("reconnect-delay")
        @WithDefault("1s")
        Duration reconnectDelay();

        /**
         * How long a stream stays open after its DONE job for the verdict's explanation, which
         * follows the verdict; after that it ends without it (the job's view shows it once it came).
         */
        @WithName("explanation-wait")
        @WithDefault("2m")
        Duration explanationWait();
    }

    /** Catalogue batches ({@code hitorflop.results.batches.*}). */
    Batches batches();

    interface Batches {

        /** How often running batches are checked for completion (BatchCompletion). */
        @WithDefault("1s")
        Duration completionCheck();

        /**
         * A running batch of which fewer rows were read than it has, and nothing new for this long,
         * is completed with the missing rows counted as lost (ingest stopped while queueing it, or a row
         * could not be stored).
         * Longer than anything a living ingest may still deliver after: its Kafka transaction
         * time-out (15 s), its job producer's delivery time-out (10 s) and the batch events
         * producer's (Kafka's default, 2 min).
         */
        @WithName("rows-lost-after")
        @WithDefault("10m")
        Duration rowsLostAfter();
    }
}

package io.hitorflop.contract;

/**
 * Kafka topic names. Every record on every topic is keyed by the job id, so all events of one
 * job land on one partition and are seen in order by each consumer group.
 */
public final class Topics {

    /** ingest -> results: a job exists (state QUEUED). */
    public static final String JOBS_ACCEPTED = "hitorflop.jobs.accepted";
    /** ingest -> feature, results: transcoded audio is in the audio store (claim check). */
    public static final String AUDIO_READY = "hitorflop.audio.ready";
    /** feature (measured) or ingest (submitted vector) -> inference, results. */
    public static final String FEATURES_READY = "hitorflop.features.ready";
    /** inference -> results. */
    public static final String VERDICTS = "hitorflop.verdicts";
    /**
     * inference -> results: a verdict's Shapley explanation, computed after the verdict by its own
     * consumer group so that it never holds up a verdict.
     */
    public static final String EXPLANATIONS = "hitorflop.explanations";
    /** any stage -> results: the job cannot finish. */
    public static final String JOBS_FAILED = "hitorflop.jobs.failed";

    /**
     * Catalogue batches ({@code io.hitorflop.contract.batches.BatchEvent}), keyed by batch id: ingest
     * -> results ({@code BatchAccepted} before any of its rows' jobs, {@code BatchRowsRejected});
     * results -> ingest ({@code BatchCompleted}). Not part of {@link #ALL}: no job's state depends on it.
     */
    public static final String BATCHES = "hitorflop.batches";

    /**
     * Where results-service's batch-row consumer (group {@code results-batch-rows}, reading
     * {@link #JOBS_ACCEPTED}) moves a row it cannot store; not {@code hitorflop.jobs.accepted.dlq},
     * whose records fail their job, and the job itself is fine. Nothing reads it: it is for an operator.
     */
    public static final String BATCH_ROWS_DEAD_LETTER = "hitorflop.batch-rows.dlq";

    /** A consumer that gives up on a record after its retries copies it to {@code <topic>.dlq}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** Enough partitions for several replicas of each consumer group. */
    public static final int PARTITIONS = 6;

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static final java.util.List<String> ALL =
            java.util.List.of(JOBS_ACCEPTED, AUDIO_READY, FEATURES_READY, VERDICTS, EXPLANATIONS, JOBS_FAILED);

    private Topics() {
    }
}

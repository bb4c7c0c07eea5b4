package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries. {@code eventId} lets consumers drop redeliveries; {@code jobId} is
 * also the Kafka record key.
 */
public sealed interface JobEvent permits JobAccepted, AudioReady, FeaturesReady, VerdictReady, JobFailed {

    /** Version of the JSON form; bumped on any change a reader of the previous version cannot ignore. */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    UUID eventId();

    UUID jobId();

    Instant occurredAt();
}

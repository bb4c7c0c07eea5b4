package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The models have voted (state DONE).
 *
 * <p>Schema {@value #SCHEMA_VERSION}: the verdict's explanation holds Shapley values with their
 * baseline and the verdict carries the closest training songs. Schema 1 events (occlusion
 * explanation, neither field) stay readable.
 *
 * @param modelVersion version string of the model set that voted (data sha256 + code revision)
 */
public record VerdictReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                           String featureSet, String modelVersion, Verdict verdict) implements JobEvent {

    /** The verdict's own schema version; the other events are still at {@link JobEvent#SCHEMA_VERSION}. */
    public static final int SCHEMA_VERSION = 2;

    public static VerdictReady of(UUID jobId, String featureSet, String modelVersion, Verdict verdict) {
        return new VerdictReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), featureSet, modelVersion,
                verdict);
    }
}

package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The models have voted (state DONE).
 *
 * @param modelVersion version string of the model set that voted (data sha256 + code revision)
 */
public record VerdictReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                           String featureSet, String modelVersion, Verdict verdict) implements JobEvent {

    public static VerdictReady of(UUID jobId, String featureSet, String modelVersion, Verdict verdict) {
        return new VerdictReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), featureSet, modelVersion,
                verdict);
    }
}

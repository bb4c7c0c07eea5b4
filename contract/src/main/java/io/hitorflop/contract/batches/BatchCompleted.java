package io.hitorflop.contract.batches;

import java.time.Instant;
import java.util.UUID;

/**
 * Every accepted row of a batch has reached DONE or FAILED, or the rows results-service never read
 * were given up as lost (ingest stopped while queueing the batch): results -> ingest, which stops
 * counting the batch among its owner's running ones. {@code done} and {@code failed} count the rows
 * read; lost rows are in neither.
 */
public record BatchCompleted(int schemaVersion, UUID eventId, UUID batchId, Instant occurredAt, String owner,
                             int done, int failed) implements BatchEvent {

    public static BatchCompleted of(UUID batchId, String owner, int done, int failed) {
        return new BatchCompleted(SCHEMA_VERSION, UUID.randomUUID(), batchId, Instant.now(), owner, done, failed);
    }
}

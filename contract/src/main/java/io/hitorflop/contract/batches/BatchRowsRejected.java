package io.hitorflop.contract.batches;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Some of a batch's rejected rows (a batch's rejections come in several of these when there are many). */
public record BatchRowsRejected(int schemaVersion, UUID eventId, UUID batchId, Instant occurredAt,
                                List<RejectedRow> rows) implements BatchEvent {

    public static BatchRowsRejected of(UUID batchId, List<RejectedRow> rows) {
        return new BatchRowsRejected(SCHEMA_VERSION, UUID.randomUUID(), batchId, Instant.now(), List.copyOf(rows));
    }
}

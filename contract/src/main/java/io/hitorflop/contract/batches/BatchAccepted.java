package io.hitorflop.contract.batches;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch was accepted: published before any job of its rows. Its rejected rows follow in
 * {@link BatchRowsRejected} events (a Kafka record holds at most 1 MiB; 100,000 rejections do
 * not fit one).
 *
 * @param owner      id of the API key that submitted it; null when access control is off
 * @param rows       data rows in the input
 * @param accepted   rows that became jobs (each a {@code JobAccepted} with this {@code batchId})
 * @param rejected   rows refused by validation
 * @param columns    the echoed columns (neither {@code url} nor a feature), in input order
 * @param webhookUrl where results posts {@code batch.completed}; null for none
 * @param explain    whether the rows' verdicts carry explanations
 */
public record BatchAccepted(int schemaVersion, UUID eventId, UUID batchId, Instant occurredAt, String owner,
                            int rows, int accepted, int rejected, List<String> columns, String webhookUrl,
                            boolean explain) implements BatchEvent {

    public static BatchAccepted of(UUID batchId, String owner, int rows, int accepted, int rejected,
                                   List<String> columns, String webhookUrl, boolean explain) {
        return new BatchAccepted(SCHEMA_VERSION, UUID.randomUUID(), batchId, Instant.now(), owner, rows, accepted,
                rejected, columns, webhookUrl, explain);
    }
}

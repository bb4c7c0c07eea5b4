package io.hitorflop.results.batch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch and where its rows are.
 *
 * @param columns     the echoed input columns, in input order
 * @param counts      accepted rows by their job's status; a row whose job this service has not seen yet is QUEUED
 * @param completedAt when the last accepted row became final; null while RUNNING
 */
public record Batch(UUID id, String owner, BatchStatus status, int rows, int accepted, int rejected,
                    List<String> columns, String webhookUrl, boolean explain, Map<String, Integer> counts,
                    Instant createdAt, Instant completedAt) {

    /** Accepted rows whose job is DONE or FAILED. */
    public int done() {
        return counts.getOrDefault("DONE", 0) + counts.getOrDefault("FAILED", 0);
    }

    /** {@link #done()} of the accepted rows, 1 when none was accepted. */
    public double progress() {
        return accepted == 0 ? 1.0 : (double) done() / accepted;
    }
}

package io.hitorflop.results.batch.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch and where its rows are.
 *
 * @param columns     the echoed input columns, in input order
 * @param readCounts  the accepted rows this service has read (the jobs of batch rows, and the rows ingest
 *                    could not queue, which count as FAILED), by their job's status; a job this service
 *                    has not read yet is QUEUED
 * @param rowsRead    rows of the batch this service has read: its jobs and its rejected rows
 * @param rowsReadAt  when this service last read a row of the batch (or the batch itself)
 * @param lost        rows that had never been read when the batch was completed (0 while RUNNING)
 * @param completedAt when the batch became COMPLETE; null while RUNNING
 */
public record Batch(UUID id, String owner, BatchStatus status, int rows, int accepted, int rejected,
                    List<String> columns, String webhookUrl, boolean explain, Map<String, Integer> readCounts,
                    int rowsRead, Instant rowsReadAt, int lost, Instant createdAt, Instant completedAt) {

    private static final String QUEUED = "QUEUED";
    private static final List<String> UNFINISHED = List.of(QUEUED, "AUDIO_READY", "FEATURES_READY");

    /**
     * The accepted rows by their job's status: while the batch runs, a row not read yet counts as
     * QUEUED; once it is complete such a row is {@link #lost()} instead.
     */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>(readCounts);
        if (status == BatchStatus.RUNNING) {
            counts.merge(QUEUED, unreadAccepted(), Integer::sum);
        }
        return counts;
    }

    /** Accepted rows whose job is DONE or FAILED. */
    public int done() {
        return readCounts.getOrDefault("DONE", 0) + readCounts.getOrDefault("FAILED", 0);
    }

    /** Accepted rows read whose job is not DONE or FAILED yet. */
    public int unfinished() {
        return UNFINISHED.stream().mapToInt(status -> readCounts.getOrDefault(status, 0)).sum();
    }

    /** Rows of the batch, accepted or rejected, this service has not read. */
    public int unread() {
        return Math.max(0, rows - rowsRead);
    }

    /** 1 once COMPLETE (lost rows will never be done), else {@link #done()} of the accepted rows (1 when none). */
    public double progress() {
        return status == BatchStatus.COMPLETE || accepted == 0 ? 1.0 : (double) done() / accepted;
    }

    private int unreadAccepted() {
        int read = readCounts.values().stream().mapToInt(Integer::intValue).sum();
        return Math.max(0, accepted - read);
    }
}

package io.hitorflop.results.batch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * When a running batch is complete. Normally once every row is read (each accepted row's job, each
 * rejected row) and every read job is DONE or FAILED. A batch whose ingest stopped while queueing it
 * (killed, evicted) never gets its other rows: it is complete with those rows lost once every read
 * job is final and nothing new of the batch was read for {@code rowsLostAfter}, but only when this
 * replica has read what was waiting in the batch topics at its start (after an outage the rows may
 * be there unread while the batch's last read is old).
 *
 * @param rowsLostAfter how long no new row of a batch means that none will come
 */
public record CompletionRule(Duration rowsLostAfter) {

    /** What a check of a running batch concluded. */
    public record Outcome(boolean complete, int lost) {

        static final Outcome NOT_YET = new Outcome(false, 0);
    }

    /**
     * @param rowsCaughtUp whether this replica has read the batch rows waiting at its start
     */
    public Outcome check(Batch batch, Instant now, boolean rowsCaughtUp) {
        if (batch.status() != BatchStatus.RUNNING || batch.unfinished() > 0) {
            return Outcome.NOT_YET;
        }
        if (batch.unread() == 0) {
            return new Outcome(true, 0);
        }
        boolean quiet = !batch.rowsReadAt().plus(rowsLostAfter).isAfter(now);
        return rowsCaughtUp && quiet ? new Outcome(true, batch.unread()) : Outcome.NOT_YET;
    }

    /**
     * The note a batch completed with lost rows carries (problem type {@code rows-lost}). It names
     * both causes: this service cannot tell a row never published from one it dead-lettered.
     */
    public static String lostDetail(int lost, int rows) {
        return String.format(Locale.ROOT, "%d of %d rows never reached the results: ingest stopped while "
                + "queueing this batch, or a row could not be stored (hitorflop.batch-rows.dlq); the results list "
                + "every row that did; submit the others again", lost, rows);
    }
}

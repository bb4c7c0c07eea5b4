package io.hitorflop.ingest.batch.domain;

/** The broker did not acknowledge a batch's events in time (503 queue-unavailable). */
public class BatchNotQueuedException extends RuntimeException {

    /** @param partly whether some of the batch's jobs were published before the failure */
    public BatchNotQueuedException(String detail, boolean partly, Throwable cause) {
        super(detail + (partly ? "; some rows were queued and the batch will not complete: submit it again"
                : "; nothing was queued"), cause);
    }
}

package io.hitorflop.ingest.batch.domain;

/** The batch file as a whole cannot be read (no header, a quote never closed, not text): 400 invalid-batch. */
public class UnreadableBatchException extends Exception {

    public UnreadableBatchException(String detail) {
        super(detail);
    }

    public UnreadableBatchException(String detail, Throwable cause) {
        super(detail, cause);
    }
}

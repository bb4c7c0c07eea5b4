package io.hitorflop.ingest.batch.domain;

import io.hitorflop.contract.ProblemType;

/** The batch as a whole is refused (too many rows or columns, too many running); nothing was published. */
public class BatchRefusedException extends Exception {

    private final transient ProblemType type;
    private final Integer retryAfterSeconds;

    public BatchRefusedException(ProblemType type, String detail, Integer retryAfterSeconds) {
        super(detail);
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemType type() {
        return type;
    }

    /** Seconds after which a retry may succeed; null when it cannot. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

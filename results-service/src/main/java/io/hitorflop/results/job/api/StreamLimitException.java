package io.hitorflop.results.job.api;

import io.hitorflop.contract.ProblemType;

/** Opening one more event stream would pass a limit: 429 {@code too-many-streams} or 503 {@code streams-full}. */
public class StreamLimitException extends RuntimeException {

    private final ProblemType type;

    StreamLimitException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}

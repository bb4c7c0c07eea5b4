package io.hitorflop.ingest.submission.domain;

import io.hitorflop.contract.ProblemType;

/** One field of a submission is over its limit or holds text that cannot be stored; nothing was done. */
public class InvalidFieldException extends Exception {

    private final ProblemType type;
    private final String field;
    private final String problem;

    public InvalidFieldException(ProblemType type, String field, String problem) {
        super("'" + field + "' " + problem);
        this.type = type;
        this.field = field;
        this.problem = problem;
    }

    public ProblemType type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}

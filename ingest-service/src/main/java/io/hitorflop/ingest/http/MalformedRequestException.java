package io.hitorflop.ingest.http;

import io.hitorflop.contract.ProblemType;

/** A request the API cannot read (400, of a type saying which part of it). */
public final class MalformedRequestException extends RuntimeException {

    private final transient ProblemType type;

    public MalformedRequestException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    ProblemType type() {
        return type;
    }
}

package io.hitorflop.ingest.submission.domain;

/** A submitted link or webhook URL the egress guard refuses (422 forbidden-url). */
public class ForbiddenUrlException extends Exception {

    public ForbiddenUrlException(String field, String reason) {
        super(field + ": " + reason);
    }
}

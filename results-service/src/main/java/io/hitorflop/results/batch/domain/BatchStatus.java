package io.hitorflop.results.batch.domain;

/** A batch is RUNNING until every accepted row's job is DONE or FAILED. */
public enum BatchStatus {
    RUNNING,
    COMPLETE
}

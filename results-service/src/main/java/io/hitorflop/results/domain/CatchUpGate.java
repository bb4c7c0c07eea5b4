package io.hitorflop.results.domain;

/** Whether this replica has read the events that were waiting in the pipeline topics when it started. */
public interface CatchUpGate {

    boolean caughtUp();
}

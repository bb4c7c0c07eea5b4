package io.hitorflop.results.job.service;

/** Whether this replica has read the events that were waiting in the pipeline topics when it started. */
public interface CatchUpGate {

    boolean caughtUp();
}

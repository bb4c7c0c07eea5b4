package io.hitorflop.results.job.service;

import io.hitorflop.results.job.domain.Job;

import java.time.Instant;

/**
 * Told about every stored change of a job that has reached DONE or FAILED, inside the transaction
 * that stores it, so what it adds is committed with the change or not at all. The webhook outbox is
 * the one listener; the interface keeps the job feature from depending on the webhook feature.
 */
public interface EndedJobListener {

    void changedAfterEnd(Job job, Instant now);
}

package io.hitorflop.results.job.persistence;

import io.hitorflop.contract.JobStatus;

import java.time.Instant;

/**
 * A state a job reached, with its position in the order this service recorded the job's states.
 *
 * @param position 1 for the first state recorded, then 2, ...
 * @param status   the state
 * @param at       when the job entered it (the event's {@code occurredAt})
 */
public record RecordedTransition(int position, JobStatus status, Instant at) {
}

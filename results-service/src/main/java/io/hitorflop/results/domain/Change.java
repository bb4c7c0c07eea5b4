package io.hitorflop.results.domain;

import io.hitorflop.contract.JobStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What applying one fact did to a job.
 *
 * @param newTransitions states recorded for the first time, with when they were entered
 * @param finished       DONE or FAILED when the job just reached it, else null
 * @param latencies      stage spans that became measurable with this change
 */
public record Change(Map<JobStatus, Instant> newTransitions, JobStatus finished, Map<Stage, Duration> latencies) {

    static final Change NONE = new Change(Map.of(), null, Map.of());
}

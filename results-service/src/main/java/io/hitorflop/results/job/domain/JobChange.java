package io.hitorflop.results.job.domain;

import io.hitorflop.contract.JobStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What applying one fact did to a job.
 *
 * @param newTransitions states recorded for the first time, with when they were entered
 * @param finished       DONE or FAILED when the job just reached it, else null
 * @param latencies      stage spans that became measurable with this change
 */
public record JobChange(Map<JobStatus, Instant> newTransitions, JobStatus finished, Map<LatencySpan, Duration> latencies) {

    public static final JobChange NONE = new JobChange(Map.of(), null, Map.of());

    /** The job's data changed but no state was reached: a new instance, as every change but NONE is saved. */
    static JobChange stored() {
        return new JobChange(Map.of(), null, Map.of());
    }

    /** This change followed by {@code next}, applied to the same job. */
    public JobChange then(JobChange next) {
        Map<JobStatus, Instant> transitions = new EnumMap<>(JobStatus.class);
        transitions.putAll(newTransitions);
        transitions.putAll(next.newTransitions);
        Map<LatencySpan, Duration> measured = new EnumMap<>(LatencySpan.class);
        measured.putAll(latencies);
        measured.putAll(next.latencies);
        return new JobChange(transitions, next.finished != null ? next.finished : finished, measured);
    }
}

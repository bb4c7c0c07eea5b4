package io.hitorflop.results.job.service;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.results.job.domain.JobChange;
import io.hitorflop.results.job.domain.LatencySpan;
import io.hitorflop.contract.events.JobEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Prometheus figures of the pipeline as the results service sees it: how jobs end
 * ({@code hitorflop_jobs_finished_total{outcome}}) and how long each stage took
 * ({@code hitorflop_job_stage_seconds{stage}}, a histogram over the events' timestamps), and how
 * long this service takes to apply each fact ({@code hitorflop_results_apply_seconds{fact}}).
 * Recorded only after the change is committed, so a retried transaction counts once.
 */
@Startup
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Both outcomes exist from the start, so a rate over them is defined before the first job ends.
        finished(JobStatus.DONE);
        finished(JobStatus.FAILED);
    }

    public void record(JobChange change) {
        if (change.finished() != null) {
            finished(change.finished()).increment();
        }
        change.latencies().forEach(this::recordLatency);
    }

    private Counter finished(JobStatus outcome) {
        return Counter.builder("hitorflop.jobs.finished")
                .description("Jobs that reached a final state, by outcome")
                .tag("outcome", outcome == JobStatus.DONE ? "done" : "failed")
                .register(registry);
    }

    /** How long applying one fact (an event, a dead letter, a time-out) took, retries included; see also {@link #recordBatch}. */
    public void recordApplied(String fact, Duration duration) {
        Timer.builder("hitorflop.results.apply")
                .description("Time the results service took to apply one fact to the stored job")
                .tag("fact", fact)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(duration);
    }

    /**
     * A batch of events stored in one transaction: its size ({@code hitorflop_results_batch_events})
     * and, per event, its share of the batch's time under {@code hitorflop_results_apply_seconds}.
     */
    public void recordBatch(List<? extends JobEvent> events, Duration duration) {
        DistributionSummary.builder("hitorflop.results.batch.events")
                .description("Events the results service stored in one transaction")
                .register(registry)
                .record(events.size());
        Duration share = duration.dividedBy(events.size());
        events.forEach(event -> recordApplied(event.getClass().getSimpleName(), share));
    }

    private void recordLatency(LatencySpan span, Duration duration) {
        Timer.builder("hitorflop.job.stage")
                .description("Time between two transitions of a job, from the events' timestamps")
                .tag("stage", span.metricTag())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry)
                .record(duration);
    }
}

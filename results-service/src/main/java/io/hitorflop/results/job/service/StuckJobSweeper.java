package io.hitorflop.results.job.service;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Makes sure no job stays in a non-final state forever: jobs that entered their state longer ago
 * than that state's timeout become FAILED with problem type {@code timed-out}. Several replicas
 * may sweep at once; the per-job lock and the re-check inside it make that harmless. A replica
 * sweeps only once it has read what was waiting in the topics when it started ({@link CatchUpGate}):
 * after an outage, a job's verdict may be waiting there while its last stored state is old.
 */
@ApplicationScoped
public class StuckJobSweeper {

    private static final Logger LOG = Logger.getLogger(StuckJobSweeper.class);
    private static final List<JobStatus> UNFINISHED = List.of(JobStatus.QUEUED, JobStatus.AUDIO_READY,
            JobStatus.FEATURES_READY);

    private final JobStore store;
    private final JobStateUpdater updater;
    private final ResultsConfig.Sweep config;
    private final ServiceLifecycle lifecycle;
    private final CatchUpGate catchUp;

    StuckJobSweeper(JobStore store, JobStateUpdater updater, ResultsConfig config, ServiceLifecycle lifecycle,
                    CatchUpGate catchUp) {
        this.store = store;
        this.updater = updater;
        this.config = config.sweep();
        this.lifecycle = lifecycle;
        this.catchUp = catchUp;
    }

    @Scheduled(every = "${hitorflop.results.sweep.interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${hitorflop.results.sweep.interval:30s}")
    void sweep() {
        if (lifecycle.stopping() || !catchUp.caughtUp()) {
            return;
        }
        Instant now = Instant.now();
        for (JobStatus status : UNFINISHED) {
            Duration timeout = config.timeout().of(status);
            Instant cutoff = now.minus(timeout);
            List<UUID> stuck = QuarkusTransaction.requiringNew()
                    .call(() -> store.enteredBefore(status, cutoff, config.batchSize()));
            for (UUID jobId : stuck) {
                try {
                    updater.timeOutIfStill(jobId, status, cutoff, timeout);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "could not time out job %s; the next sweep tries again", jobId);
                }
            }
        }
    }
}

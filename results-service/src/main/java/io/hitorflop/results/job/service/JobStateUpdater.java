package io.hitorflop.results.job.service;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.domain.EventText;
import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.domain.JobChange;
import io.hitorflop.results.job.domain.JobStateMachine;
import io.hitorflop.results.job.domain.StorableEvents;
import io.hitorflop.results.job.persistence.DataErrors;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Applies facts about jobs to the stored jobs, one transaction per fact, under the job's lock;
 * a transaction that fails (e.g. a lost connection) is retried a bounded number of times before
 * the failure is handed back to the caller (the messaging layer then dead-letters the record).
 * An event that cannot be stored because of its data (see {@link StorableEvents} and
 * {@link DataErrors}) is not retried, as the same data fails the same way and the consumer of its
 * topic would hold every other job meanwhile: its job fails at once with {@code invalid-event}
 * and the event is refused with {@link InvalidEventException}, which dead-letters it.
 */
@ApplicationScoped
public class JobStateUpdater {

    private static final Logger LOG = Logger.getLogger(JobStateUpdater.class);

    private final JobStore store;
    private final EndedJobListener endedJobs;
    private final JobMetrics metrics;
    private final ResultsConfig config;
    private final ServiceLifecycle lifecycle;
    private final Event<TransitionsStored> transitionsStored;
    private final JobStateMachine machine = new JobStateMachine();
    private final StorableEvents storable;
    private final Clock clock = Clock.systemUTC();

    JobStateUpdater(JobStore store, EndedJobListener endedJobs, JobMetrics metrics, ResultsConfig config,
               ServiceLifecycle lifecycle, Event<TransitionsStored> transitionsStored) {
        this.store = store;
        this.endedJobs = endedJobs;
        this.metrics = metrics;
        this.config = config;
        this.lifecycle = lifecycle;
        this.transitionsStored = transitionsStored;
        this.storable = new StorableEvents(new EventText(config.maxTextLength()));
    }

    /**
     * Applies an event once: a redelivered event (same event id) changes nothing.
     *
     * @throws InvalidEventException when the event could not be stored because of its data; its
     *                               job has been failed with {@code invalid-event}
     */
    public void apply(JobEvent event) {
        String factName = event.getClass().getSimpleName();
        String problem = storable.problem(event);
        if (problem != null) {
            reject(event, problem);
        }
        try {
            update(factName, event.jobId(), job -> onceOnly(event, () -> machine.apply(job, event, clock.instant())));
        } catch (RuntimeException e) {
            String sqlState = DataErrors.sqlStateOf(e);
            if (sqlState == null || lifecycle.stopping()) {
                throw e;
            }
            reject(event, factName + " cannot be stored: PostgreSQL refused its data (SQLState " + sqlState + ")");
        }
    }

    private void reject(JobEvent event, String detail) {
        LOG.warnf("event %s of job %s refused: %s", event.eventId(), event.jobId(), detail);
        JobAccepted storablePart = storable.storablePart(event);
        update("InvalidEvent", event.jobId(),
                job -> onceOnly(event, () -> machine.rejected(job, storablePart, detail, clock.instant())));
        throw new InvalidEventException(detail);
    }

    private JobChange onceOnly(JobEvent event, Supplier<JobChange> application) {
        if (!store.markProcessed(event.eventId(), event.jobId(), clock.instant())) {
            LOG.debugf("event %s already applied", event.eventId());
            return JobChange.NONE;
        }
        return application.get();
    }

    /** Fails the job because a record about it ended on {@code topic}'s dead-letter topic. */
    public void deadLettered(UUID jobId, String topic, String reason) {
        update("DeadLetter", jobId, job -> machine.deadLettered(job, topic, reason, clock.instant()));
    }

    /** Fails the job if it is still in {@code status} since before {@code cutoff}. */
    public void timeOutIfStill(UUID jobId, JobStatus status, Instant cutoff, Duration timeout) {
        update("TimeOut", jobId, job -> job.status() == status && job.statusSince().isBefore(cutoff)
                ? machine.timedOut(job, timeout, clock.instant())
                : JobChange.NONE);
    }

    private void update(String factName, UUID jobId, Function<Job, JobChange> fact) {
        MDC.put("jobId", jobId.toString());
        long started = System.nanoTime();
        try {
            JobChange change = withRetries(() -> QuarkusTransaction.requiringNew().call(() -> {
                Job job = store.lock(jobId);
                JobChange applied = fact.apply(job);
                if (applied != JobChange.NONE) {
                    store.save(job, applied);
                    if (job.status() != null && job.status().isFinal()) {
                        endedJobs.changedAfterEnd(job, clock.instant());
                    }
                }
                return applied;
            }));
            if (!change.newTransitions().isEmpty()) {
                transitionsStored.fire(new TransitionsStored(jobId));
            }
            if (change.finished() != null) {
                LOG.infof("job %s is %s", jobId, change.finished());
            }
            metrics.record(change);
            metrics.recordApplied(factName, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            MDC.remove("jobId");
        }
    }

    private JobChange withRetries(Supplier<JobChange> transaction) {
        int attempts = Math.max(1, config.storeAttempts());
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (lifecycle.stopping() || DataErrors.sqlStateOf(e) != null) {
                    throw e;
                }
                last = e;
                LOG.warnf("storing failed (attempt %d of %d): %s", attempt, attempts, e.getMessage());
                pause(Duration.ofMillis(200L * attempt));
            }
        }
        throw last;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }

    /** An event that cannot be stored because of its data; retrying cannot help. Its job has been failed. */
    public static final class InvalidEventException extends RuntimeException {
        InvalidEventException(String message) {
            super(message);
        }
    }
}

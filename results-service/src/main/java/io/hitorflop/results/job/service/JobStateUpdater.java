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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

    /**
     * Applies a batch of events (one consumer poll) in one transaction: the jobs are locked in one
     * order, each event is applied once in the batch's order (a redelivered or repeated event changes
     * nothing), and everything is written with JDBC batching at the commit. Events that cannot be
     * stored because of their data are applied one at a time after the batch, as {@link #apply}
     * does; and if the batch as a whole cannot be stored (a data error PostgreSQL found, or the
     * bounded retries ran out), every event of it is applied one at a time, so a bad event fails
     * only itself.
     *
     * @return per event, in order: null when applied, else why it was not (as {@link #apply} throws it)
     * @throws RuntimeException only while the service is stopping: then nothing of the batch is settled
     */
    public List<RuntimeException> applyAll(List<? extends JobEvent> events) {
        List<RuntimeException> outcomes = new ArrayList<>(Collections.nCopies(events.size(), null));
        List<Integer> batched = new ArrayList<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (storable.problem(events.get(i)) == null ? batched : alone).add(i);
        }
        if (!batched.isEmpty()) {
            try {
                storeInOneTransaction(batched.stream().<JobEvent>map(events::get).toList());
            } catch (RuntimeException batchFailed) {
                if (lifecycle.stopping()) {
                    throw batchFailed;
                }
                LOG.warnf("a batch of %d events could not be stored whole (%s): applying them one at a time",
                        batched.size(), batchFailed.getMessage());
                alone.addAll(batched);
                alone.sort(null);
            }
        }
        for (int i : alone) {
            try {
                apply(events.get(i));
            } catch (RuntimeException failed) {
                if (lifecycle.stopping()) {
                    throw failed;
                }
                outcomes.set(i, failed);
            }
        }
        return outcomes;
    }

    private void storeInOneTransaction(List<JobEvent> events) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Map<UUID, JobChange> changes = withRetries(() -> QuarkusTransaction.requiringNew().call(() -> {
            Map<UUID, Job> jobs = store.lockAll(events.stream().map(JobEvent::jobId).collect(Collectors.toSet()));
            // the ids first, with nothing else pending, so these inserts do not flush the job rows one by one
            Map<UUID, UUID> jobIdByEventId = new LinkedHashMap<>();
            events.forEach(event -> jobIdByEventId.putIfAbsent(event.eventId(), event.jobId()));
            Set<UUID> notSeenBefore = store.markAllProcessed(jobIdByEventId, now);
            // an event repeated within the batch is applied at its first place only
            List<JobEvent> firstTime = events.stream()
                    .filter(event -> notSeenBefore.remove(event.eventId()))
                    .toList();
            Map<UUID, JobChange> applied = new LinkedHashMap<>();
            for (JobEvent event : firstTime) {
                Job job = jobs.get(event.jobId());
                JobChange change = machine.apply(job, event, now);
                if (change != JobChange.NONE) {
                    saveInTransaction(job, change, now);
                    applied.merge(job.id(), change, JobChange::then);
                }
            }
            return applied;
        }));
        changes.forEach(this::committed);
        metrics.recordBatch(events, Duration.ofNanos(System.nanoTime() - started));
    }

    private void reject(JobEvent event, String detail) {
        LOG.warnf("event %s of job %s refused: %s", event.eventId(), event.jobId(), detail);
        JobAccepted storablePart = storable.storablePart(event);
        update("InvalidEvent", event.jobId(),
                job -> onceOnly(event, () -> machine.rejected(job, storablePart, detail, clock.instant())));
        throw new InvalidEventException(detail);
    }

    private void saveInTransaction(Job job, JobChange change, Instant now) {
        store.save(job, change);
        if (job.status() != null && job.status().isFinal()) {
            endedJobs.changedAfterEnd(job, now);
        }
    }

    /** After the commit: open event streams, the log and the metrics learn of the change. */
    private void committed(UUID jobId, JobChange change) {
        if (!change.newTransitions().isEmpty()) {
            transitionsStored.fire(new TransitionsStored(jobId));
        }
        if (change.finished() != null) {
            LOG.infof("job %s is %s", jobId, change.finished());
        }
        metrics.record(change);
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
                    saveInTransaction(job, applied, clock.instant());
                }
                return applied;
            }));
            committed(jobId, change);
            metrics.recordApplied(factName, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            MDC.remove("jobId");
        }
    }

    private <T> T withRetries(Supplier<T> transaction) {
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

package io.hitorflop.results.job.domain;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.contract.features.FeatureSet;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The job life cycle QUEUED -> AUDIO_READY -> FEATURES_READY -> DONE, or FAILED, fed by events
 * that may arrive late, twice or out of order (each topic is consumed on its own):
 * <ul>
 *   <li>the status only moves forward ({@link JobStatus#canMoveTo}); an event for an earlier
 *       state still records when that state was entered, so the history is complete;</li>
 *   <li>each state is recorded once; the first report of a result (features, verdict, failure)
 *       wins, so a repeated event changes nothing;</li>
 *   <li>the first final state wins: a verdict for a FAILED job and a failure of a DONE job are
 *       ignored; with one exception, the late verdict: a job this service failed as
 *       {@code timed-out} whose verdict (with its features) arrives after all becomes DONE with that
 *       verdict, its failure removed and both transitions kept (FAILED, then DONE), since the time-out
 *       was the service's judgement and not the song's; its receiver, told FAILED before, is then
 *       told DONE (a second webhook, one per final state);</li>
 *   <li>DONE means the whole result is stored: a verdict that overtakes its features (they travel
 *       on another topic) is kept, and the job becomes DONE when the features arrive, so a DONE
 *       job, and its webhook, always carry both.</li>
 * </ul>
 * Redelivered events (same event id) never get here; the store drops them.
 */
public final class JobStateMachine {

    public JobChange apply(Job job, JobEvent event, Instant now) {
        if (event instanceof JobAccepted accepted) {
            job.fillOrigin(accepted.source(), accepted.featureSet(), accepted.sourceName(), accepted.owner(),
                    accepted.webhookUrl());
            return reach(job, JobStatus.QUEUED, accepted.occurredAt(), now);
        }
        if (event instanceof AudioReady audio) {
            return reach(job, JobStatus.AUDIO_READY, audio.occurredAt(), now);
        }
        if (event instanceof FeaturesReady features) {
            job.fillFeatureSet(features.featureSet());
            job.fillFeatures(features.features(), features.descriptors(), features.dna());
            JobChange ready = reach(job, JobStatus.FEATURES_READY, features.occurredAt(), now);
            boolean verdictWaiting = job.verdict() != null && (job.status() != JobStatus.FAILED || job.timedOut());
            return verdictWaiting ? ready.then(reach(job, JobStatus.DONE, now, now)) : ready;
        }
        if (event instanceof VerdictReady verdict) {
            if (job.status() == JobStatus.FAILED && !job.timedOut()) {
                return JobChange.NONE;
            }
            job.fillFeatureSet(verdict.featureSet());
            job.fillVerdict(verdict.verdict(), verdict.modelVersion());
            if (!job.transitions().containsKey(JobStatus.FEATURES_READY)) {
                job.touch(now);
                return JobChange.stored();
            }
            return reach(job, JobStatus.DONE, verdict.occurredAt(), now);
        }
        JobFailed failed = (JobFailed) event;
        return fail(job, new Failure(failed.problemType(), failed.reason(), failed.stage()), failed.occurredAt(), now);
    }

    /** A record about this job kept failing in some consumer and was moved to a dead-letter topic. */
    public JobChange deadLettered(Job job, String topic, String reason, Instant now) {
        return fail(job, new Failure(ProblemType.INTERNAL.uri(), reason, "consumer of " + topic), now, now);
    }

    /**
     * An event of the job could not be stored (its text, or a value PostgreSQL refused): the job
     * fails with {@code invalid-event}. What could be kept of the event comes as {@code storablePart}
     * (a {@link JobAccepted} with its origin cleaned, or null), so the job still has its QUEUED state,
     * its owner, who can read it, and its webhook URL, which is told. A job that is already DONE
     * stays DONE (the first final state wins) and gains the cleaned origin.
     */
    public JobChange rejected(Job job, JobAccepted storablePart, String detail, Instant now) {
        JobChange origin = storablePart == null ? JobChange.NONE : apply(job, storablePart, now);
        JobChange failed = fail(job, new Failure(ProblemType.INVALID_EVENT.uri(), detail, "results-service"), now, now);
        return failed == JobChange.NONE ? origin : origin.then(failed);
    }

    /** The job stayed in its current state longer than {@code timeout}. */
    public JobChange timedOut(Job job, Duration timeout, Instant now) {
        String detail = "no progress for " + timeout + " in state " + job.status();
        return fail(job, new Failure(ProblemType.TIMED_OUT.uri(), detail, "results-service"), now, now);
    }

    private JobChange fail(Job job, Failure failure, Instant at, Instant now) {
        if (job.status() == JobStatus.DONE) {
            return JobChange.NONE;
        }
        job.fillFailure(failure);
        return reach(job, JobStatus.FAILED, at, now);
    }

    private JobChange reach(Job job, JobStatus target, Instant at, Instant now) {
        Map<JobStatus, Instant> added = Map.of();
        Map<LatencySpan, Duration> latencies = Map.of();
        if (!job.transitions().containsKey(target)) {
            job.addTransition(target, at);
            added = Map.of(target, at);
            latencies = latenciesCompletedBy(job, target);
        }
        JobStatus finished = null;
        boolean lateVerdict = target == JobStatus.DONE && job.timedOut();
        if (job.status() == null || job.status().canMoveTo(target) || lateVerdict) {
            if (lateVerdict) {
                job.clearFailure();
            }
            job.moveTo(target, at);
            finished = target.isFinal() ? target : null;
        }
        job.touch(now);
        return new JobChange(added, finished, latencies);
    }

    /** The spans that {@code reached} closes: it is one end and the other end is already known. */
    private static Map<LatencySpan, Duration> latenciesCompletedBy(Job job, JobStatus reached) {
        boolean throughAudio = FeatureSet.AUDIO.id().equals(job.featureSet())
                || job.transitions().containsKey(JobStatus.AUDIO_READY);
        Map<LatencySpan, Duration> latencies = new EnumMap<>(LatencySpan.class);
        for (LatencySpan span : LatencySpan.values()) {
            JobStatus from = span.from(throughAudio);
            JobStatus to = span.to();
            Instant start = job.transitions().get(from);
            Instant end = job.transitions().get(to);
            if ((reached == from || reached == to) && start != null && end != null && !end.isBefore(start)) {
                latencies.put(span, Duration.between(start, end));
            }
        }
        return latencies;
    }
}

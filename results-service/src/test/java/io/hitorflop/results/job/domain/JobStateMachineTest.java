package io.hitorflop.results.job.domain;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JobStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:05:00Z");
    private static final Map<String, Double> AUDIO_FEATURES = Map.of("tempo", 120.0, "loudness", -7.5, "key", 5.0,
            "mode", 1.0, "duration_ms", 200_000.0);
    private static final Verdict HIT = new Verdict(Verdict.Label.HIT, 4, 0.7,
            List.of(new ModelVote("knn", Verdict.Label.HIT, 0.8)), List.of(), null);

    private final JobStateMachine machine = new JobStateMachine();
    private final UUID jobId = UUID.randomUUID();
    private final Job job = new Job(jobId);

    private JobAccepted accepted(Instant at) {
        return new JobAccepted(1, UUID.randomUUID(), jobId, at, JobSource.AUDIO_UPLOAD, "audio", "song.mp3", null, null);
    }

    private AudioReady audioReady(Instant at) {
        return new AudioReady(1, UUID.randomUUID(), jobId, at, "ref", 200_000);
    }

    private FeaturesReady featuresReady(Instant at, Map<String, Double> features) {
        return new FeaturesReady(1, UUID.randomUUID(), jobId, at, "audio", features, Map.of("lufs_range", 6.0), null);
    }

    private VerdictReady verdict(Instant at) {
        return new VerdictReady(1, UUID.randomUUID(), jobId, at, "audio", "v1", HIT);
    }

    private JobChange apply(JobEvent event) {
        return machine.apply(job, event, NOW);
    }

    @Test
    void audioJobWalksThroughEveryStateAndMeasuresEachStage() {
        JobChange queued = apply(accepted(T0));
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(queued.finished()).isNull();
        assertThat(queued.latencies()).isEmpty();

        JobChange audio = apply(audioReady(T0.plusSeconds(1)));
        assertThat(audio.latencies()).containsExactly(Map.entry(LatencySpan.AUDIO, Duration.ofSeconds(1)));

        JobChange features = apply(featuresReady(T0.plusSeconds(11), AUDIO_FEATURES));
        assertThat(features.latencies()).containsExactly(Map.entry(LatencySpan.FEATURES, Duration.ofSeconds(10)));

        JobChange done = apply(verdict(T0.plusSeconds(12)));
        assertThat(done.finished()).isEqualTo(JobStatus.DONE);
        assertThat(done.latencies()).containsOnly(
                Map.entry(LatencySpan.VERDICT, Duration.ofSeconds(1)), Map.entry(LatencySpan.TOTAL, Duration.ofSeconds(12)));

        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(job.statusSince()).isEqualTo(T0.plusSeconds(12));
        assertThat(job.transitions()).containsOnlyKeys(JobStatus.QUEUED, JobStatus.AUDIO_READY,
                JobStatus.FEATURES_READY, JobStatus.DONE);
        assertThat(job.features()).isEqualTo(AUDIO_FEATURES);
        assertThat(job.verdict()).isEqualTo(HIT);
        assertThat(job.modelVersion()).isEqualTo("v1");
        assertThat(job.source()).isEqualTo(JobSource.AUDIO_UPLOAD);
        assertThat(job.createdAt()).isEqualTo(T0);
        assertThat(job.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void eventsArrivingInReverseOrderEndDoneWithTheFullHistory() {
        apply(verdict(T0.plusSeconds(12)));
        JobChange done = apply(featuresReady(T0.plusSeconds(11), AUDIO_FEATURES));
        assertThat(done.finished()).isEqualTo(JobStatus.DONE);
        apply(audioReady(T0.plusSeconds(1)));
        JobChange queued = apply(accepted(T0));

        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(queued.finished()).isNull();
        assertThat(queued.newTransitions()).containsOnlyKeys(JobStatus.QUEUED);
        assertThat(queued.latencies()).containsOnly(
                Map.entry(LatencySpan.AUDIO, Duration.ofSeconds(1)), Map.entry(LatencySpan.TOTAL, Duration.between(T0, NOW)));
        assertThat(job.transitions()).hasSize(4);
        assertThat(job.createdAt()).isEqualTo(T0);
        assertThat(job.sourceName()).isEqualTo("song.mp3");
        assertThat(job.features()).isEqualTo(AUDIO_FEATURES);
    }

    @Test
    void aVerdictThatOvertakesItsFeaturesWaitsForThemBeforeDone() {
        apply(accepted(T0));
        apply(audioReady(T0.plusSeconds(1)));

        JobChange early = apply(verdict(T0.plusSeconds(12)));

        assertThat(early).isNotSameAs(JobChange.NONE);
        assertThat(early.finished()).isNull();
        assertThat(early.newTransitions()).isEmpty();
        assertThat(job.status()).isEqualTo(JobStatus.AUDIO_READY);
        assertThat(job.verdict()).isEqualTo(HIT);
        assertThat(job.publishedVerdict()).as("shown before the job is DONE").isNull();

        JobChange done = apply(featuresReady(T0.plusSeconds(11), AUDIO_FEATURES));

        assertThat(done.finished()).isEqualTo(JobStatus.DONE);
        assertThat(done.newTransitions()).containsOnly(
                Map.entry(JobStatus.FEATURES_READY, T0.plusSeconds(11)), Map.entry(JobStatus.DONE, NOW));
        assertThat(done.latencies()).containsOnly(Map.entry(LatencySpan.FEATURES, Duration.ofSeconds(10)),
                Map.entry(LatencySpan.VERDICT, Duration.between(T0.plusSeconds(11), NOW)),
                Map.entry(LatencySpan.TOTAL, Duration.between(T0, NOW)));
        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(job.features()).isEqualTo(AUDIO_FEATURES);
        assertThat(job.publishedVerdict()).isEqualTo(HIT);
    }

    @Test
    void aRepeatedReportOfAStateChangesNothing() {
        apply(accepted(T0));
        apply(featuresReady(T0.plusSeconds(5), AUDIO_FEATURES));

        JobChange again = apply(featuresReady(T0.plusSeconds(9), Map.of("tempo", 99.0)));

        assertThat(again.newTransitions()).isEmpty();
        assertThat(again.latencies()).isEmpty();
        assertThat(job.features()).isEqualTo(AUDIO_FEATURES);
        assertThat(job.transitions().get(JobStatus.FEATURES_READY)).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void theFirstFinalStateWins() {
        apply(accepted(T0));
        JobChange failed = apply(new JobFailed(1, UUID.randomUUID(), jobId, T0.plusSeconds(3), "feature-service",
                ProblemType.UNSUPPORTED_AUDIO.uri(), "Invalid data found when processing input"));
        assertThat(failed.finished()).isEqualTo(JobStatus.FAILED);

        JobChange lateVerdict = apply(verdict(T0.plusSeconds(4)));

        assertThat(lateVerdict.newTransitions()).isEmpty();
        assertThat(lateVerdict.finished()).isNull();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.verdict()).isNull();
        assertThat(job.failure()).isEqualTo(new Failure(ProblemType.UNSUPPORTED_AUDIO.uri(),
                "Invalid data found when processing input", "feature-service"));
        assertThat(job.failure().title()).isEqualTo("Audio cannot be decoded");
    }

    @Test
    void aDoneJobCannotFailAnyMore() {
        apply(accepted(T0));
        apply(featuresReady(T0.plusSeconds(1), AUDIO_FEATURES));
        apply(verdict(T0.plusSeconds(2)));

        JobChange timedOut = machine.timedOut(job, Duration.ofMinutes(5), NOW);
        JobChange deadLettered = machine.deadLettered(job, "hitorflop.verdicts", "boom", NOW);

        assertThat(timedOut.newTransitions()).isEmpty();
        assertThat(deadLettered.newTransitions()).isEmpty();
        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(job.failure()).isNull();
    }

    @Test
    void submittedVectorMeasuresTheFeatureStageFromQueued() {
        apply(new JobAccepted(1, UUID.randomUUID(), jobId, T0, JobSource.FEATURE_VECTOR, "spotify", null, null, null));
        JobChange features = apply(new FeaturesReady(1, UUID.randomUUID(), jobId, T0.plusMillis(40), "spotify",
                Map.of("energy", 0.5), Map.of(), null));

        assertThat(features.latencies()).containsExactly(Map.entry(LatencySpan.FEATURES, Duration.ofMillis(40)));
        assertThat(job.status()).isEqualTo(JobStatus.FEATURES_READY);
    }

    @Test
    void sweeperAndDeadLettersFailWithTheirProblemTypes() {
        apply(accepted(T0));
        JobChange timedOut = machine.timedOut(job, Duration.ofMinutes(10), NOW);

        assertThat(timedOut.finished()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure().type()).isEqualTo(ProblemType.TIMED_OUT.uri());
        assertThat(job.failure().detail()).isEqualTo("no progress for PT10M in state QUEUED");
        assertThat(job.transitions()).containsEntry(JobStatus.FAILED, NOW);

        Job other = new Job(UUID.randomUUID());
        JobChange dead = machine.deadLettered(other, "hitorflop.audio.ready", "decoder crashed", NOW);
        assertThat(dead.finished()).isEqualTo(JobStatus.FAILED);
        assertThat(other.failure()).isEqualTo(new Failure(ProblemType.INTERNAL.uri(), "decoder crashed",
                "consumer of hitorflop.audio.ready"));
    }

    @Test
    void aJobFirstSeenThroughALaterEventStartsThere() {
        JobChange audio = apply(audioReady(T0.plusSeconds(1)));

        assertThat(job.status()).isEqualTo(JobStatus.AUDIO_READY);
        assertThat(audio.latencies()).isEmpty();
        assertThat(job.createdAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aLateVerdictTurnsATimeOutIntoDoneWithBothTransitionsKept() {
        apply(accepted(T0));
        apply(audioReady(T0.plusSeconds(1)));
        machine.timedOut(job, Duration.ofMinutes(15), NOW);

        JobChange features = apply(featuresReady(T0.plusSeconds(2), AUDIO_FEATURES));
        assertThat(features.finished()).isNull();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);

        JobChange lateVerdict = apply(verdict(T0.plusSeconds(3)));

        assertThat(lateVerdict.finished()).isEqualTo(JobStatus.DONE);
        assertThat(lateVerdict.newTransitions()).containsOnlyKeys(JobStatus.DONE);
        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(job.publishedVerdict()).isEqualTo(HIT);
        assertThat(job.failure()).isNull();
        assertThat(job.transitions()).containsKeys(JobStatus.QUEUED, JobStatus.AUDIO_READY, JobStatus.FEATURES_READY,
                JobStatus.FAILED, JobStatus.DONE);
        assertThat(apply(verdict(T0.plusSeconds(4))).finished()).as("a repeated verdict").isNull();
    }

    @Test
    void aLateVerdictThatOvertakesItsFeaturesMakesTheTimedOutJobDoneWhenTheyArrive() {
        apply(accepted(T0));
        machine.timedOut(job, Duration.ofMinutes(10), NOW);

        assertThat(apply(verdict(T0.plusSeconds(3))).finished()).isNull();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        JobChange features = apply(featuresReady(T0.plusSeconds(2), AUDIO_FEATURES));

        assertThat(features.finished()).isEqualTo(JobStatus.DONE);
        assertThat(job.failure()).isNull();
        assertThat(job.features()).isEqualTo(AUDIO_FEATURES);
    }

    @Test
    void aRejectedJobAcceptedKeepsTheJobsOriginAndFailsItWithInvalidEvent() {
        JobAccepted cleaned = new JobAccepted(1, UUID.randomUUID(), jobId, T0, JobSource.AUDIO_UPLOAD, "audio",
                "song.mp3", "alice", "https://hooks.example/a");

        JobChange rejected = machine.rejected(job, cleaned, "JobAccepted cannot be stored: sourceName holds a NUL", NOW);

        assertThat(rejected.finished()).isEqualTo(JobStatus.FAILED);
        assertThat(rejected.newTransitions()).containsOnlyKeys(JobStatus.QUEUED, JobStatus.FAILED);
        assertThat(job.owner()).isEqualTo("alice");
        assertThat(job.webhookUrl()).isEqualTo("https://hooks.example/a");
        assertThat(job.failure()).isEqualTo(new Failure(ProblemType.INVALID_EVENT.uri(),
                "JobAccepted cannot be stored: sourceName holds a NUL", "results-service"));
        assertThat(apply(verdict(T0.plusSeconds(3))).finished()).as("no verdict revives it").isNull();
    }

    @Test
    void aRejectedJobAcceptedOfADoneJobAddsItsOriginAndLeavesItDone() {
        apply(featuresReady(T0.plusSeconds(1), AUDIO_FEATURES));
        apply(verdict(T0.plusSeconds(2)));
        JobAccepted cleaned = new JobAccepted(1, UUID.randomUUID(), jobId, T0, JobSource.AUDIO_UPLOAD, "audio",
                "song.mp3", "alice", null);

        machine.rejected(job, cleaned, "JobAccepted cannot be stored", NOW);

        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(job.owner()).isEqualTo("alice");
        assertThat(job.transitions()).containsKeys(JobStatus.QUEUED, JobStatus.FEATURES_READY, JobStatus.DONE);
        assertThat(job.failure()).isNull();
    }
}

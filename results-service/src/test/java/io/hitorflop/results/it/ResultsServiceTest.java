package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.hitorflop.results.it.ResultsApi.awaitJob;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real Kafka broker and a real PostgreSQL (both started by
 * {@link LocalStackTestResource}): events are published with a plain Kafka producer, results read
 * back through the REST API.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class ResultsServiceTest {

    private static final Duration PATIENCE = PipelineEvents.PATIENCE;
    private static final Map<String, Double> AUDIO_FEATURES = Map.of("tempo", 121.5, "loudness", -8.25, "key", 7.0,
            "mode", 1.0, "duration_ms", 187_000.0);
    private static final SpectralDna DNA = new SpectralDna(2, 2, 0.5, "AAEC/w==", -80, 0,
            new double[12], new double[] {-9.5, -8.0}, new double[] {0.5, 1.0});

    private static PipelineEvents events;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void connectProducer() {
        if (events == null) {
            events = new PipelineEvents(json);
        }
    }

    @AfterAll
    static void closeProducer() {
        events.close();
    }

    @Test
    void theExplanationFollowsTheVerdictIsMergedIntoItAndARedeliveryChangesNothing() {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishUnexplainedVerdict(jobId, start);

        JsonPath done = awaitJob(jobId, found -> "DONE".equals(found.getString("status")));
        assertThat(done.getList("verdict.explanation")).isEmpty();
        assertThat(done.getBoolean("verdict.explanationPending")).isTrue();
        assertThat(done.getMap("verdict")).doesNotContainKey("explanationBaseline");

        var explanation = PipelineEvents.explanationEvent(jobId, start.plusMillis(900));
        events.publish(explanation);
        JsonPath explained = awaitJob(jobId, found -> !found.getBoolean("verdict.explanationPending"));
        assertThat(explained.getList("verdict.explanation.feature")).containsExactly("tempo", "loudness");
        assertThat(explained.getDouble("verdict.explanationBaseline")).isEqualTo(0.45);
        assertThat(explained.getDouble("verdict.probability")).isEqualTo(0.7);

        events.publish(explanation);
        events.publish(new io.hitorflop.contract.events.ExplanationReady(1, UUID.randomUUID(), jobId, Instant.now(),
                "audio", "test-models-1", 0.1, List.of()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedExplanationEvent(jobId)).isEqualTo(explanation.eventId()));
        assertThat(awaitJob(jobId, found -> true).getList("verdict.explanation.feature"))
                .as("the first explanation stays").containsExactly("tempo", "loudness");
    }

    @Test
    void aVerdictWhoseSubmitterAskedForNoExplanationIsNeverPending() {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.FEATURE_VECTOR,
                "audio", null, null, null));
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(100)));
        VerdictReady unexplained = PipelineEvents.unexplainedVerdictEvent(jobId, start.plusMillis(200));
        events.publish(Topics.VERDICTS, new VerdictReady(unexplained.schemaVersion(), unexplained.eventId(), jobId,
                unexplained.occurredAt(), unexplained.featureSet(), unexplained.modelVersion(),
                unexplained.verdict().withExplanationFollowing(false)));

        JsonPath done = awaitJob(jobId, found -> "DONE".equals(found.getString("status")));
        assertThat(done.getList("verdict.explanation")).isEmpty();
        assertThat(done.getBoolean("verdict.explanationPending")).isFalse();
    }

    @Test
    void anExplanationThatOvertakesItsVerdictAndJobIsKeptForThem() {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(PipelineEvents.explanationEvent(jobId, start.plusMillis(900)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedExplanationEvent(jobId)).isNotNull());

        publishUnexplainedVerdict(jobId, start);

        JsonPath done = awaitJob(jobId, found -> "DONE".equals(found.getString("status")));
        assertThat(done.getBoolean("verdict.explanationPending")).isFalse();
        assertThat(done.getList("verdict.explanation.feature")).containsExactly("tempo", "loudness");
    }

    @Test
    void aDeadLetteredExplanationEndsTheWaitWithItsReasonAndALaterExplanationStillWins() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishUnexplainedVerdict(jobId, start);
        awaitJob(jobId, found -> "DONE".equals(found.getString("status")));

        events.deadLetterExplanation(jobId, "explaining ran out of memory");
        JsonPath unexplained = awaitJob(jobId, found -> !found.getBoolean("verdict.explanationPending"));
        assertThat(unexplained.getString("status")).isEqualTo("DONE");
        assertThat(unexplained.getList("transitions.status")).containsExactly("QUEUED", "FEATURES_READY", "DONE");
        assertThat(unexplained.getList("verdict.explanation")).isEmpty();
        assertThat(unexplained.getString("verdict.explanationUnavailable.type"))
                .isEqualTo(ProblemType.EXPLANATION_UNAVAILABLE.uri()).endsWith("/problems/explanation-unavailable");
        assertThat(unexplained.getString("verdict.explanationUnavailable.title"))
                .isEqualTo(ProblemType.EXPLANATION_UNAVAILABLE.title());
        assertThat(unexplained.getString("verdict.explanationUnavailable.detail")).isEqualTo("explaining ran out of memory");
        assertThat(unexplained.getString("failure")).isNull();

        events.deadLetterExplanation(jobId, "a second reason");
        PipelineEvents.awaitConsumed(List.of(Topics.deadLetterOf(Topics.EXPLANATIONS)));
        assertThat(awaitJob(jobId, found -> true).getString("verdict.explanationUnavailable.detail"))
                .as("the first reason stays").isEqualTo("explaining ran out of memory");

        events.publish(PipelineEvents.explanationEvent(jobId, start.plusMillis(900)));
        JsonPath explained = awaitJob(jobId, found -> !found.getList("verdict.explanation").isEmpty());
        assertThat(explained.getList("verdict.explanation.feature")).containsExactly("tempo", "loudness");
        assertThat(explained.getBoolean("verdict.explanationPending")).isFalse();
        assertThat(explained.getMap("verdict")).doesNotContainKey("explanationUnavailable");
        assertThat(explained.getString("status")).isEqualTo("DONE");
    }

    @Test
    void aDeadLetteredExplanationOfAnExplainedJobChangesNothing() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishUnexplainedVerdict(jobId, start);
        events.publish(PipelineEvents.explanationEvent(jobId, start.plusMillis(900)));
        awaitJob(jobId, found -> "DONE".equals(found.getString("status")) && !found.getBoolean("verdict.explanationPending"));

        events.deadLetterExplanation(jobId, "a redelivered explanation could not be stored");
        PipelineEvents.awaitConsumed(List.of(Topics.deadLetterOf(Topics.EXPLANATIONS)));

        JsonPath job = awaitJob(jobId, found -> true);
        assertThat(job.getList("verdict.explanation.feature")).containsExactly("tempo", "loudness");
        assertThat(job.getMap("verdict")).doesNotContainKey("explanationUnavailable");
        assertThat(job.getString("status")).isEqualTo("DONE");
    }

    private UUID storedExplanationEvent(UUID jobId) throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select event_id from job_explanation where job_id = ?")) {
            query.setObject(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        }
    }

    @Test
    void audioJobEndsDoneWithFeaturesDnaAndVerdict() {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.AUDIO_UPLOAD,
                "audio", "demo.wav", null, null));
        events.publish(Topics.AUDIO_READY, new AudioReady(1, UUID.randomUUID(), jobId, start.plusMillis(300), "ref", 187_000));
        events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), jobId, start.plusMillis(2_300), "audio",
                AUDIO_FEATURES, Map.of("lra", 5.5), DNA));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(2_400), Verdict.Label.HIT, 4));

        // The four topics are consumed independently, so DONE may come before the other states are recorded.
        JsonPath job = awaitJob(jobId, found -> "DONE".equals(found.getString("status"))
                && found.getList("transitions").size() == 4);

        assertThat(job.getString("source")).isEqualTo("AUDIO_UPLOAD");
        assertThat(job.getString("featureSet")).isEqualTo("audio");
        assertThat(job.getString("sourceName")).isEqualTo("demo.wav");
        assertThat(job.getString("createdAt")).isEqualTo(start.toString());
        assertThat(job.getList("transitions.status")).containsExactly("QUEUED", "AUDIO_READY", "FEATURES_READY", "DONE");
        assertThat(job.getMap("features")).containsOnlyKeys("tempo", "loudness", "key", "mode", "duration_ms");
        assertThat(job.getMap("features").keySet()).containsExactly("tempo", "loudness", "key", "mode", "duration_ms");
        assertThat(job.getDouble("features.loudness")).isEqualTo(-8.25);
        assertThat(job.getDouble("descriptors.lra")).isEqualTo(5.5);
        assertThat(job.getString("dna.melSpectrogram")).isEqualTo("AAEC/w==");
        assertThat(job.getList("dna.beats")).hasSize(2);
        assertThat(job.getString("verdict.label")).isEqualTo("HIT");
        assertThat(job.getInt("verdict.hitVotes")).isEqualTo(4);
        assertThat(job.getList("verdict.votes")).hasSize(5);
        assertThat(job.getString("verdict.modelSet")).isEqualTo("audio");
        assertThat(job.getString("verdict.modelVersion")).isEqualTo("test-models-1");
        assertThat(job.getDouble("verdict.heldOutAuc.value")).isEqualTo(PipelineEvents.HELD_OUT_AUC.value());
        assertThat(job.getDouble("verdict.heldOutAuc.ci95Low")).isEqualTo(PipelineEvents.HELD_OUT_AUC.ci95Low());
        assertThat(job.getDouble("verdict.heldOutAuc.ci95High")).isEqualTo(PipelineEvents.HELD_OUT_AUC.ci95High());
        assertThat(job.getDouble("verdict.explanationBaseline")).isEqualTo(0.5);
        assertThat(job.getString("verdict.closestSongs[0].title")).isEqualTo(PipelineEvents.CLOSEST_SONG.title());
        assertThat(job.getString("verdict.closestSongs[0].label")).isEqualTo("HIT");
        assertThat(job.getDouble("verdict.closestSongs[0].distance")).isEqualTo(PipelineEvents.CLOSEST_SONG.distance());
        assertThat(job.getString("failure")).isNull();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("hitorflop_jobs_finished_total\\{[^}]*outcome=\"done\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("hitorflop_job_stage_seconds_count\\{[^}]*stage=\"queued_to_done\"[^}]*} [1-9]");
        assertThat(metrics).contains("hitorflop_job_stage_seconds_bucket{");
        assertThat(metrics).containsPattern("hitorflop_results_apply_seconds_count\\{[^}]*fact=\"VerdictReady\"[^}]*} [1-9]");
    }

    @Test
    void redeliveredAndRepeatedEventsNeverAddATransitionOrAVerdict() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now();
        JobAccepted accepted = new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.FEATURE_VECTOR,
                "spotify", null, null, null);
        FeaturesReady features = new FeaturesReady(1, UUID.randomUUID(), jobId, start.plusMillis(5), "spotify",
                Map.of("energy", 0.8), Map.of(), null);
        VerdictReady first = PipelineEvents.verdictEvent(jobId, start.plusMillis(9), Verdict.Label.FLOP, 1);
        VerdictReady second = PipelineEvents.verdictEvent(jobId, start.plusMillis(20), Verdict.Label.HIT, 5);

        events.publish(Topics.JOBS_ACCEPTED, accepted);
        events.publish(Topics.JOBS_ACCEPTED, accepted);
        events.publish(Topics.FEATURES_READY, features);
        events.publish(Topics.FEATURES_READY, features);
        events.publish(Topics.VERDICTS, first);
        events.publish(Topics.VERDICTS, first);
        events.publish(Topics.VERDICTS, second);
        PipelineEvents.awaitAllConsumed();

        JsonPath job = awaitJob(jobId, found -> "DONE".equals(found.getString("status")));
        assertThat(job.getList("transitions.status")).containsExactly("QUEUED", "FEATURES_READY", "DONE");
        assertThat(job.getString("verdict.label")).isEqualTo("FLOP");
        assertThat(job.getInt("verdict.hitVotes")).isEqualTo(1);
        assertThat(job.getString("failure")).isNull();
        assertThat(count("select count(*) from job_transition where job_id = ?", jobId)).isEqualTo(3);
        assertThat(count("select count(*) from processed_event where job_id = ?", jobId)).isEqualTo(4);
    }

    @Test
    void eventsArrivingInReverseOrderStillEndDoneWithTheWholeHistory() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusSeconds(3), Verdict.Label.HIT, 3));
        // Only its verdict is known: kept aside, the job is not shown until it has a state.
        awaitCount("select count(*) from pending_verdict where job_id = ?", jobId, 1);
        given().get("/v1/jobs/{id}", jobId).then().statusCode(404);

        events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), jobId, start.plusSeconds(2), "audio",
                AUDIO_FEATURES, Map.of(), DNA));
        // DONE only with its features: the verdict waited for them.
        JsonPath done = awaitJob(jobId, found -> "DONE".equals(found.getString("status")));
        assertThat(done.getList("transitions.status")).containsExactly("FEATURES_READY", "DONE");
        assertThat(done.getString("verdict.label")).isEqualTo("HIT");
        assertThat(done.getDouble("features.tempo")).isEqualTo(121.5);
        assertThat(count("select count(*) from pending_verdict where job_id = ?", jobId)).isZero();

        events.publish(Topics.AUDIO_READY, new AudioReady(1, UUID.randomUUID(), jobId, start.plusSeconds(1), "ref", 187_000));
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.AUDIO_UPLOAD,
                "audio", "late.flac", null, null));

        JsonPath job = awaitJob(jobId, found -> found.getList("transitions").size() == 4
                && "late.flac".equals(found.getString("sourceName")));
        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getList("transitions.status")).containsExactly("QUEUED", "AUDIO_READY", "FEATURES_READY", "DONE");
        assertThat(job.getString("createdAt")).isEqualTo(start.toString());
        assertThat(job.getDouble("features.tempo")).isEqualTo(121.5);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndFailsItsJob() {
        UUID jobId = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, JobAccepted.of(jobId, JobSource.AUDIO_UPLOAD, "audio", "broken.mp3"));
        // Topics are not ordered with each other: the job must be known before its dead letter, or
        // the dead letter may be applied first and the history starts at FAILED.
        awaitJob(jobId, found -> "QUEUED".equals(found.getString("status")));
        events.send(new ProducerRecord<>(Topics.VERDICTS, jobId.toString(), "{\"verdict\": not json"));

        JsonPath job = awaitJob(jobId, found -> "FAILED".equals(found.getString("status")));

        assertThat(job.getString("failure.type")).isEqualTo(ProblemType.INTERNAL.uri());
        assertThat(job.getString("failure.title")).isEqualTo(ProblemType.INTERNAL.title());
        assertThat(job.getString("failure.detail")).contains("not a VerdictReady");
        assertThat(job.getString("failure.stage")).isEqualTo("consumer of " + Topics.VERDICTS);
        assertThat(job.getList("transitions.status")).containsExactly("QUEUED", "FAILED");
    }

    @Test
    void aDeadLetterFromAnotherServiceFailsItsJobWithTheReason() {
        UUID jobId = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, JobAccepted.of(jobId, JobSource.AUDIO_UPLOAD, "audio", "crash.wav"));
        ProducerRecord<String, String> deadLetter = new ProducerRecord<>(Topics.deadLetterOf(Topics.AUDIO_READY),
                jobId.toString(), "{}");
        deadLetter.headers().add("dead-letter-reason", "decoder ran out of memory".getBytes());
        events.send(deadLetter);

        JsonPath job = awaitJob(jobId, found -> "FAILED".equals(found.getString("status")));
        assertThat(job.getString("failure.detail")).isEqualTo("decoder ran out of memory");
        assertThat(job.getString("failure.stage")).isEqualTo("consumer of " + Topics.AUDIO_READY);
    }

    @Test
    void aJobStuckLongerThanItsTimeoutIsSweptToFailed() {
        UUID jobId = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, Instant.now().minus(Duration.ofHours(1)),
                JobSource.AUDIO_UPLOAD, "audio", "stuck.wav", null, null));

        JsonPath job = awaitJob(jobId, found -> "FAILED".equals(found.getString("status")));

        assertThat(job.getString("failure.type")).isEqualTo(ProblemType.TIMED_OUT.uri());
        assertThat(job.getString("failure.title")).isEqualTo("The job did not finish in time");
        assertThat(job.getString("failure.detail")).isEqualTo("no progress for PT10M in state QUEUED");
        assertThat(job.getString("failure.stage")).isEqualTo("results-service");
    }

    @Test
    void eventIdsAreForgottenAfterTheRetention() throws Exception {
        UUID stale = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into processed_event (event_id, job_id, processed_at) values (?, ?, ?)")) {
            for (UUID eventId : List.of(stale, fresh)) {
                insert.setObject(1, eventId);
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, Timestamp.from(eventId == stale
                        ? Instant.now().minus(Duration.ofDays(9)) : Instant.now()));
                insert.executeUpdate();
            }
        }

        awaitCount("select count(*) from processed_event where event_id = ?", stale, 0);
        assertThat(count("select count(*) from processed_event where event_id = ?", fresh)).isEqualTo(1);
    }

    @Test
    void jobsArePagedNewestFirstAndFilteredByStatus() {
        // Dated in the future so they are the newest jobs whatever else the tests created.
        Instant future = Instant.parse("2099-01-01T00:00:00Z");
        List<UUID> jobs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < jobs.size(); i++) {
            events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobs.get(i), future.plusSeconds(i),
                    JobSource.FEATURE_VECTOR, "spotify", null, null, null));
        }
        UUID doneJob = UUID.randomUUID();
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(doneJob, future));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(doneJob, future, Verdict.Label.FLOP, 0));
        jobs.forEach(jobId -> awaitJob(jobId, found -> "QUEUED".equals(found.getString("status"))));
        awaitJob(doneJob, found -> "DONE".equals(found.getString("status")));

        JsonPath first = given().queryParam("status", "queued").queryParam("size", 2)
                .get("/v1/jobs").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(jobs.get(2).toString(), jobs.get(1).toString());
        assertThat(first.getList("items.status")).containsOnly("QUEUED");
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(3);
        assertThat(first.getString("links.self")).isEqualTo("/v1/jobs?status=QUEUED&page=0&size=2");
        assertThat(first.getString("links.next")).isEqualTo("/v1/jobs?status=QUEUED&page=1&size=2");
        assertThat(first.getString("links.prev")).isNull();

        JsonPath second = given().get(first.getString("links.next")).then().statusCode(200).extract().jsonPath();
        assertThat(second.getString("items[0].id")).isEqualTo(jobs.get(0).toString());
        assertThat(second.getString("links.prev")).isEqualTo("/v1/jobs?status=QUEUED&page=0&size=2");

        JsonPath done = given().queryParam("status", "DONE").queryParam("size", 100)
                .get("/v1/jobs").then().statusCode(200).extract().jsonPath();
        assertThat(done.getList("items.status")).containsOnly("DONE");
        assertThat(done.getString("items[0].id")).isEqualTo(doneJob.toString());
        assertThat(done.getString("items[0].label")).isEqualTo("FLOP");
        assertThat(done.getDouble("items[0].probability")).isEqualTo(0.3);
    }

    @Test
    void badListQueriesAreProblemsNamingEachParameter() {
        Response response = given().queryParam("status", "WAITING").queryParam("size", 1000).queryParam("page", "x")
                .get("/v1/jobs");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath problem = response.jsonPath();
        assertThat(problem.getString("type")).isEqualTo(ProblemType.INVALID_QUERY.uri());
        assertThat(problem.getList("errors.field")).containsExactly("status", "page", "size");
    }

    @Test
    void pagesBeyondWhatTheStoreCanSkipAreInvalidQueries() {
        for (Map<String, Object> query : List.<Map<String, Object>>of(Map.of("page", 21474837, "size", 100),
                Map.of("page", Integer.MAX_VALUE, "size", 2), Map.of("page", "2147483648"), Map.of("page", -1),
                Map.of("size", 0), Map.of("size", "99999999999999999999"))) {
            Response response = given().queryParams(query).get("/v1/jobs");
            assertThat(response.statusCode()).as("%s", query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("type")).isEqualTo(ProblemType.INVALID_QUERY.uri());
            assertThat(response.jsonPath().getList("errors.field")).as("%s", query)
                    .containsExactly(query.containsKey("page") ? "page" : "size");
        }
        given().queryParam("page", Integer.MAX_VALUE / 100).queryParam("size", 100).get("/v1/jobs")
                .then().statusCode(200);
    }

    @Test
    void unknownAndMalformedIdsAndRoutesAreProblems() {
        UUID unknown = UUID.randomUUID();
        Response missing = given().get("/v1/jobs/{id}", unknown);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.jsonPath().getString("type")).isEqualTo(ProblemType.JOB_NOT_FOUND.uri());
        assertThat(missing.jsonPath().getString("instance")).isEqualTo("/v1/jobs/" + unknown);
        assertThat(missing.jsonPath().getInt("status")).isEqualTo(404);

        Response malformed = given().get("/v1/jobs/not-a-uuid");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.jsonPath().getString("type")).isEqualTo(ProblemType.INVALID_JOB_ID.uri());

        Response route = given().get("/v1/nothing-here");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(route.contentType()).startsWith("application/problem+json");
        assertThat(route.jsonPath().getString("type")).isEqualTo(ProblemType.NOT_FOUND.uri());
    }

    @Test
    void openApiDescribesTheJobsApi() {
        String openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openApi).contains("\"/v1/jobs/{id}\"").contains("\"/v1/jobs\"")
                .contains("\"/v1/jobs/{id}/deliveries\"").contains("application/problem+json")
                .contains("\"/v1/jobs/{id}/events\"").contains("text/event-stream").contains("Last-Event-ID");
    }

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        // Ready once the consumers have read what was waiting in the topics at start (ConsumerCatchUp).
        String health = await().atMost(PATIENCE)
                .until(() -> given().get("/q/health/ready"), answer -> answer.statusCode() == 200).asString();
        assertThat(health).contains("\"status\": \"UP\"").contains("Database connections health check")
                .contains("SmallRye Reactive Messaging - readiness check").contains("\"verdicts-dlq\": \"[OK]\"")
                .contains("Pipeline topics read up to their end at start").contains("\"name\": \"kafka-broker\"");
    }

    @Test
    void aStateAnotherReplicaStoredReachesAnOpenEventStreamByTheReread() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.AUDIO_UPLOAD,
                "audio", "song.wav", null, null));
        awaitJob(jobId, found -> true);

        try (EventStreamClient stream = EventStreamClient.open(jobId, null, null)) {
            JobEventStreamTest.assertTransition(json, stream.nextEvent(PATIENCE), 1, "QUEUED", start);
            // Committed as another replica would: in PostgreSQL, with no notification in this process.
            Timestamp audioReadyAt = Timestamp.from(start.plusMillis(300));
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement transition = connection.prepareStatement("insert into job_transition "
                         + "(job_id, status, at, position) values (?, 'AUDIO_READY', ?, 2)");
                 PreparedStatement job = connection.prepareStatement(
                         "update job set status = 'AUDIO_READY', status_since = ? where id = ?")) {
                transition.setObject(1, jobId);
                transition.setTimestamp(2, audioReadyAt);
                transition.executeUpdate();
                job.setTimestamp(1, audioReadyAt);
                job.setObject(2, jobId);
                job.executeUpdate();
            }
            JobEventStreamTest.assertTransition(json, stream.nextEvent(PATIENCE), 2, "AUDIO_READY",
                    start.plusMillis(300));
        }
    }

    private void awaitCount(String sql, UUID id, long expected) {
        StoredRows.awaitCount(dataSource, sql, id, expected);
    }

    private long count(String sql, UUID id) throws Exception {
        return StoredRows.count(dataSource, sql, id);
    }

    /** An {@code audio} vector job accepted at {@code start}, measured and judged, its explanation to follow. */
    private void publishUnexplainedVerdict(UUID jobId, Instant start) {
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.FEATURE_VECTOR,
                "audio", null, null, null));
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(100)));
        events.publish(Topics.VERDICTS, PipelineEvents.unexplainedVerdictEvent(jobId, start.plusMillis(200)));
    }
}

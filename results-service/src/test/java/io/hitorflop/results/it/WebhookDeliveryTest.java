package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.it.WebhookReceiver.Answer;
import io.hitorflop.results.it.WebhookReceiver.Received;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.hitorflop.results.it.ResultsApi.awaitDeliveries;
import static io.hitorflop.results.it.ResultsApi.awaitJob;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: events on a real Kafka broker, the outbox in a real PostgreSQL, and a real
 * HTTP receiver on 127.0.0.1 (allow-listed in the test profile only). The test profile retries
 * after 300 ms doubling up to 1 s, four attempts at most.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class WebhookDeliveryTest {

    private static final Duration PATIENCE = PipelineEvents.PATIENCE;
    /** Between the end of an attempt and its judgement (when the next due time is set) the sender may be paused. */
    private static final Duration JUDGING = Duration.ofMillis(200);
    /** How much later than due plus a poll a retry may start on a loaded 2-core CI machine. */
    private static final Duration LOADED_MACHINE = Duration.ofSeconds(2);
    private static final WebhookReceiver receiver = new WebhookReceiver();

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "hitorflop.results.webhooks.secret")
    String secret;

    @Inject
    ResultsConfig results;

    private ResultsConfig.Webhooks webhooks;

    private PipelineEvents events;

    @BeforeEach
    void connect() {
        events = new PipelineEvents(json);
        webhooks = results.webhooks();
    }

    @Test
    void aFinishedJobIsPostedOnceSignedWithItsJsonAndARedeliveryAddsNothing() throws Exception {
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        Instant start = Instant.now();
        JobAccepted accepted = accepted(jobId, start, receiver.url(path, Answer.of(204)));
        VerdictReady verdict = PipelineEvents.verdictEvent(jobId, start.plusMillis(20), Verdict.Label.HIT, 4);
        events.publish(Topics.JOBS_ACCEPTED, accepted);
        events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), jobId, start.plusMillis(10),
                "spotify", Map.of("energy", 0.8), Map.of(), null));
        events.publish(Topics.VERDICTS, verdict);

        JsonPath deliveries = awaitDeliveries(jobId, found -> "DELIVERED".equals(found.getString("items[0].state")));

        List<Received> requests = receiver.requests(path);
        assertThat(requests).hasSize(1);
        Received request = requests.get(0);
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("webhook-id")).isEqualTo(deliveries.getString("items[0].webhookId"));
        assertThat(ReceiverSignatureCheck.verify(secret, request.header("webhook-id"),
                request.header("webhook-timestamp"), request.header("webhook-signature"), request.body())).isTrue();
        Map<?, ?> posted = json.readValue(request.body(), Map.class);
        JsonPath job = given().get("/v1/jobs/{id}", jobId).then().statusCode(200).extract().jsonPath();
        assertThat(posted.get("id")).isEqualTo(jobId.toString()).isEqualTo(job.getString("id"));
        assertThat(posted.get("status")).isEqualTo("DONE");
        assertThat(((Map<?, ?>) posted.get("verdict")).get("label")).isEqualTo("HIT");
        assertThat(deliveries.getString("jobId")).isEqualTo(jobId.toString());
        assertThat(deliveries.getString("items[0].url")).endsWith(path);
        assertThat(deliveries.getList("items[0].attempts")).hasSize(1);
        assertThat(deliveries.getInt("items[0].attempts[0].statusCode")).isEqualTo(204);
        assertThat(deliveries.getString("items[0].attempts[0].outcome")).isEqualTo("DELIVERED");

        // The same verdict again, the accepted event again, and a late failure: none may post a second webhook.
        events.publish(Topics.VERDICTS, verdict);
        events.publish(Topics.JOBS_ACCEPTED, accepted);
        events.publish(Topics.JOBS_FAILED, new JobFailed(1, UUID.randomUUID(), jobId, Instant.now(), "inference-service",
                ProblemType.INTERNAL.uri(), "late"));
        PipelineEvents.awaitAllConsumed();
        // A webhook is an outbox row added in the transaction that applied its event, so the outbox is complete now.
        assertThat(count("select count(*) from webhook_delivery where job_id = ?", jobId)).isEqualTo(1);
        awaitSenderPast(Instant.now());
        assertThat(receiver.requests(path)).hasSize(1);
    }

    @Test
    void failedAttemptsAreRetriedWithTheSameWebhookIdAfterTheReceiversRetryAfter() throws Exception {
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        String url = receiver.url(path, new Answer(503, "2"), Answer.of(500), Answer.of(200));
        events.publish(Topics.JOBS_ACCEPTED, accepted(jobId, Instant.now(), url));
        events.publish(Topics.JOBS_FAILED, new JobFailed(1, UUID.randomUUID(), jobId, Instant.now(), "feature-service",
                ProblemType.UNSUPPORTED_AUDIO.uri(), "no audio stream"));

        JsonPath deliveries = awaitDeliveries(jobId, found -> "DELIVERED".equals(found.getString("items[0].state")));

        List<Received> requests = receiver.requests(path);
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(request -> request.header("webhook-id")).containsOnly(
                deliveries.getString("items[0].webhookId"));
        for (Received request : requests) {
            assertThat(ReceiverSignatureCheck.verify(secret, request.header("webhook-id"),
                    request.header("webhook-timestamp"), request.header("webhook-signature"), request.body())).isTrue();
            assertThat(request.body()).isEqualTo(requests.get(0).body());
        }
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(deliveries.getList("items[0].attempts.outcome")).containsExactly("RETRY", "RETRY", "DELIVERED");
        assertThat(deliveries.getList("items[0].attempts.statusCode")).containsExactly(503, 500, 200);
        Instant firstAt = Instant.parse(deliveries.getString("items[0].attempts[0].at"));
        Instant firstNext = Instant.parse(deliveries.getString("items[0].attempts[0].nextAttemptAt"));
        assertThat(Duration.between(firstAt, firstNext)).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(2_500));
        List<Map<String, Object>> attempts = deliveries.getList("items[0].attempts");
        assertThat(Duration.between(endOf(attempts.get(1)), Instant.parse((String) attempts.get(1).get("nextAttemptAt"))))
                .as("a 500 without Retry-After waits by the back-off, not the previous Retry-After")
                .isLessThan(Duration.ofMillis(1_900));
        assertThat(new String(requests.get(0).body(), StandardCharsets.UTF_8)).contains("\"status\":\"FAILED\"")
                .contains(ProblemType.UNSUPPORTED_AUDIO.uri());
    }

    @Test
    void aReceiverSlowerThanTheTimeoutFailsTheAttemptWithoutHoldingUpOtherWebhooks() throws Exception {
        // The test profile's timeout is 3 s: 1 s to connect, 2 s for the answer. Both jobs finish together and the
        // quick receiver takes 1 s to answer, so the two attempts (as the sender recorded them) overlap when the
        // sender does not hold one webhook up behind another, and never when it posts one at a time.
        UUID slowJob = UUID.randomUUID();
        String slowPath = "/hooks/" + slowJob;
        UUID quickJob = UUID.randomUUID();
        String quickPath = "/hooks/" + quickJob;
        finish(slowJob, receiver.url(slowPath, new Answer(200, null, Duration.ofSeconds(4)), Answer.of(200)));
        finish(quickJob, receiver.url(quickPath, new Answer(200, null, Duration.ofSeconds(1))));

        Map<String, Object> quick = awaitDeliveries(quickJob, found -> "DELIVERED".equals(found.getString("items[0].state")))
                .getMap("items[0].attempts[0]");
        JsonPath slow = awaitDeliveries(slowJob, found -> "DELIVERED".equals(found.getString("items[0].state")));
        assertThat(slow.getList("items[0].attempts.outcome")).containsExactly("RETRY", "DELIVERED");
        Map<String, Object> slowFirst = slow.getMap("items[0].attempts[0]");
        assertThat(Instant.parse((String) quick.get("at"))).as("the quick attempt started before the slow one ended")
                .isBefore(endOf(slowFirst));
        assertThat(Instant.parse((String) slowFirst.get("at"))).as("the slow attempt started before the quick one ended")
                .isBefore(endOf(quick));
        assertThat(slow.getString("items[0].attempts[0].statusCode")).isNull();
        assertThat(slow.getString("items[0].attempts[0].error")).contains("Timeout");
        assertThat(slow.getLong("items[0].attempts[0].durationMs")).isBetween(1_900L, 3_500L);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("hitorflop_webhook_attempts_total\\{[^}]*outcome=\"delivered\"[^}]*} [1-9]")
                .containsPattern("hitorflop_webhook_attempts_total\\{[^}]*outcome=\"retry\"[^}]*} [1-9]");
    }

    @Test
    void goneStopsTheDeliveries() throws Exception {
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        finish(jobId, receiver.url(path, Answer.of(410), Answer.of(200)));

        JsonPath deliveries = awaitDeliveries(jobId, found -> "GONE".equals(found.getString("items[0].state")));

        awaitSenderPast(latestRetryDue(deliveries));
        assertThat(receiver.requests(path)).hasSize(1);
        assertThat(deliveries.getList("items[0].attempts.outcome")).containsExactly("GONE");
        assertThat(deliveries.getString("items[0].nextAttemptAt")).isNull();
        assertThat(deliveries.getString("items[0].finishedAt")).isNotNull();
    }

    @Test
    void afterTheLastAllowedAttemptTheWebhookIsGivenUp() throws Exception {
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        finish(jobId, receiver.url(path, Answer.of(500)));

        JsonPath deliveries = awaitDeliveries(jobId, found -> "GAVE_UP".equals(found.getString("items[0].state")));

        awaitSenderPast(latestRetryDue(deliveries));
        assertThat(receiver.requests(path)).hasSize(4);
        assertThat(deliveries.getList("items[0].attempts.outcome")).containsExactly("RETRY", "RETRY", "RETRY", "GAVE_UP");
        assertRetriesFollowTheSchedule(deliveries.getList("items[0].attempts"));
    }

    @Test
    void forbiddenAddressesAreRefusedAgainAtDelivery() throws Exception {
        // Submission-time checks belong to ingest; these URLs reach the outbox anyway (an event written by hand,
        // or DNS changed since), and the sender must still refuse them: metadata, private, hex-spelled loopback.
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
                "http://0x7f000002:8080/hook")) {
            UUID jobId = UUID.randomUUID();
            finish(jobId, url);

            JsonPath deliveries = awaitDeliveries(jobId, found -> "GAVE_UP".equals(found.getString("items[0].state")));

            assertThat(deliveries.getList("items[0].attempts")).as(url).hasSize(4);
            assertThat(deliveries.getList("items[0].attempts.statusCode")).as(url).containsOnlyNulls();
            assertThat(deliveries.getString("items[0].attempts[0].error")).as(url)
                    .startsWith("refused by the SSRF guard");
        }
    }

    @Test
    void aUrlLearntAfterTheJobEndedStillGetsItsWebhook() throws Exception {
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        Instant start = Instant.now();
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(1)));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(50), Verdict.Label.FLOP, 1));
        awaitJob(jobId, job -> "DONE".equals(job.getString("status")));
        assertThat(given().get("/v1/jobs/{id}/deliveries", jobId).then().statusCode(200).extract().jsonPath()
                .getList("items")).isEmpty();

        events.publish(Topics.JOBS_ACCEPTED, accepted(jobId, start, receiver.url(path, Answer.of(200))));

        awaitDeliveries(jobId, found -> "DELIVERED".equals(found.getString("items[0].state")));
        assertThat(receiver.requests(path)).hasSize(1);
    }

    @Test
    void aWebhookLockedByAnotherReplicaIsSkippedUntilReleased() throws Exception {
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        finish(jobId, receiver.url(path, new Answer(503, "2"), Answer.of(200)));
        JsonPath firstAttempt = awaitDeliveries(jobId, found -> found.getList("items.attempts.flatten()").size() == 1);
        Instant retryDue = Instant.parse(firstAttempt.getString("items[0].attempts[0].nextAttemptAt"));

        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement(
                    "select next_attempt_at from webhook_delivery where job_id = ? for update");
                 ResultSet locked = executeQuery(lock, jobId)) {
                locked.next();
                // A sender that claimed the retry first would have moved the due time to the end of its lease.
                assertThat(locked.getObject(1, OffsetDateTime.class).toInstant())
                        .as("the retry was still waiting when locked (Retry-After: 2 gives the test 2 s)")
                        .isEqualTo(retryDue);
            }
            // Another job's webhook, due after the locked retry, goes out: the locked row is skipped, not waited for.
            awaitSenderPast(retryDue);
            assertThat(receiver.requests(path)).hasSize(1);
            otherReplica.rollback();
        }

        awaitDeliveries(jobId, found -> "DELIVERED".equals(found.getString("items[0].state")));
        assertThat(receiver.requests(path)).hasSize(2);
    }

    @Test
    void aWebhookLeftPendingByAnEarlierRunIsSentFromWhatTheOutboxHolds() throws Exception {
        // Everything a sender needs is in the outbox row, so a restart (or another replica) carries on from it:
        // same webhook id, the body fixed at the first attempt, the attempt count continued.
        UUID jobId = UUID.randomUUID();
        String path = "/hooks/" + jobId;
        Instant start = Instant.now();
        events.publish(Topics.JOBS_ACCEPTED, accepted(jobId, start, null));
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(1)));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(5), Verdict.Label.HIT, 5));
        awaitJob(jobId, job -> "DONE".equals(job.getString("status")));
        UUID webhookId = UUID.randomUUID();
        String storedBody = "{\"stored\":\"at the first attempt, before the restart\"}";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into webhook_delivery (webhook_id, job_id,"
                     + " job_status, url, state, created_at, next_attempt_at, attempts, payload) values (?, ?, 'DONE', ?, 'PENDING', now(),"
                     + " now() - interval '1 minute', 2, ?)")) {
            insert.setObject(1, webhookId);
            insert.setObject(2, jobId);
            insert.setString(3, receiver.url(path, Answer.of(200)));
            insert.setString(4, storedBody);
            insert.executeUpdate();
        }

        JsonPath deliveries = awaitDeliveries(jobId, found -> "DELIVERED".equals(found.getString("items[0].state")));

        List<Received> requests = receiver.requests(path);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).header("webhook-id")).isEqualTo(webhookId.toString());
        assertThat(new String(requests.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(storedBody);
        assertThat(ReceiverSignatureCheck.verify(secret, webhookId.toString(), requests.get(0).header("webhook-timestamp"),
                requests.get(0).header("webhook-signature"), requests.get(0).body())).isTrue();
        assertThat(deliveries.getList("items[0].attempts.attempt")).containsExactly(3);
    }

    @Test
    void deliveriesOfUnknownAndMalformedJobsAreProblems() {
        given().get("/v1/jobs/{id}/deliveries", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.is(ProblemType.JOB_NOT_FOUND.uri()));
        given().get("/v1/jobs/{id}/deliveries", "nope").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.is(ProblemType.INVALID_JOB_ID.uri()));
    }

    private static JobAccepted accepted(UUID jobId, Instant at, String webhookUrl) {
        return new JobAccepted(1, UUID.randomUUID(), jobId, at, JobSource.FEATURE_VECTOR, "spotify", null, null,
                webhookUrl);
    }

    /** A job that is accepted with {@code webhookUrl} and ends DONE. */
    private void finish(UUID jobId, String webhookUrl) {
        Instant start = Instant.now();
        events.publish(Topics.JOBS_ACCEPTED, accepted(jobId, start, webhookUrl));
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(1)));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(30), Verdict.Label.HIT, 3));
    }

    /**
     * Waits until a sender has claimed a marker webhook of another job, due at {@code moment}. Senders claim due
     * webhooks earliest due first and skip those another replica holds, so by then every webhook due before
     * {@code moment} has been claimed (and its request started well before the marker's own attempt ended) or
     * skipped: whatever the sender would have posted by then, it has posted. This is the positive event after which
     * the absence of a request means something.
     */
    private void awaitSenderPast(Instant moment) throws Exception {
        UUID markerJob = UUID.randomUUID();
        finish(markerJob, null);
        awaitJob(markerJob, job -> "DONE".equals(job.getString("status")));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into webhook_delivery (webhook_id, job_id,"
                     + " job_status, url, state, created_at, next_attempt_at, attempts) values (?, ?, 'DONE', ?, 'PENDING',"
                     + " now(), ?, 0)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, markerJob);
            insert.setString(3, receiver.url("/hooks/" + markerJob, Answer.of(200)));
            insert.setObject(4, OffsetDateTime.ofInstant(moment, ZoneOffset.UTC));
            insert.executeUpdate();
        }
        awaitDeliveries(markerJob, found -> "DELIVERED".equals(found.getString("items[0].state")));
    }

    /** The latest moment a retry after the last attempt could fall due had the sender scheduled one: its wait is at most max-delay. */
    private Instant latestRetryDue(JsonPath deliveries) {
        List<Map<String, Object>> attempts = deliveries.getList("items[0].attempts");
        Map<String, Object> last = attempts.get(attempts.size() - 1);
        return endOf(last).plus(webhooks.maxDelay()).plus(JUDGING);
    }

    /**
     * Each wait is the test profile's schedule (equal jitter, see {@code RetrySchedule}): uniform in [d/2, d] after
     * the n-th failure, d = initial-delay x 2^(n-1) capped at max-delay (here 150-300 ms, 300-600 ms, 500-1000 ms),
     * and each retry went out once due, at most a poll interval later (plus slack for a loaded machine).
     */
    private void assertRetriesFollowTheSchedule(List<Map<String, Object>> attempts) {
        for (int failures = 1; failures < attempts.size(); failures++) {
            Map<String, Object> failed = attempts.get(failures - 1);
            Instant due = Instant.parse((String) failed.get("nextAttemptAt"));
            Duration ceiling = webhooks.initialDelay().multipliedBy(1L << (failures - 1));
            ceiling = ceiling.compareTo(webhooks.maxDelay()) > 0 ? webhooks.maxDelay() : ceiling;
            // Stored to the microsecond with a duration in whole milliseconds: the end may read up to 1 ms early.
            assertThat(Duration.between(endOf(failed), due)).as("wait after failure %d", failures)
                    .isBetween(ceiling.dividedBy(2).minusMillis(1), ceiling.plus(JUDGING));
            Instant retried = Instant.parse((String) attempts.get(failures).get("at"));
            assertThat(Duration.between(due, retried)).as("lateness of attempt %d", failures + 1)
                    .isBetween(Duration.ZERO, webhooks.pollInterval().plus(LOADED_MACHINE));
        }
    }

    /** When an attempt ended, as stored: its start plus its duration. */
    private static Instant endOf(Map<String, Object> attempt) {
        return Instant.parse((String) attempt.get("at")).plusMillis(((Number) attempt.get("durationMs")).longValue());
    }

    private static ResultSet executeQuery(PreparedStatement statement, UUID id) throws Exception {
        statement.setObject(1, id);
        return statement.executeQuery();
    }

    private long count(String sql, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = executeQuery(statement, id)) {
            result.next();
            return result.getLong(1);
        }
    }
}

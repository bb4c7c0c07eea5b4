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
import io.hitorflop.results.it.WebhookReceiver.Answer;
import io.hitorflop.results.it.WebhookReceiver.Received;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: events on a real Kafka broker, the outbox in a real PostgreSQL, and a real
 * HTTP receiver on 127.0.0.1 (allow-listed in the test profile only). The test profile retries
 * after 300 ms doubling up to 1 s, four attempts at most.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
class WebhookDeliveryTest {

    private static final Duration PATIENCE = PipelineEvents.PATIENCE;
    private static WebhookReceiver receiver;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "hitorflop.results.webhooks.secret")
    String secret;

    private PipelineEvents events;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void connect() {
        events = new PipelineEvents(json);
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
        Thread.sleep(1_000); // several sender polls
        assertThat(count("select count(*) from webhook_delivery where job_id = ?", jobId)).isEqualTo(1);
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
        assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).isBetween(Duration.ofMillis(100),
                Duration.ofMillis(1_900));
        assertThat(deliveries.getList("items[0].attempts.outcome")).containsExactly("RETRY", "RETRY", "DELIVERED");
        assertThat(deliveries.getList("items[0].attempts.statusCode")).containsExactly(503, 500, 200);
        Instant firstAt = Instant.parse(deliveries.getString("items[0].attempts[0].at"));
        Instant firstNext = Instant.parse(deliveries.getString("items[0].attempts[0].nextAttemptAt"));
        assertThat(Duration.between(firstAt, firstNext)).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(2_500));
        assertThat(new String(requests.get(0).body(), StandardCharsets.UTF_8)).contains("\"status\":\"FAILED\"")
                .contains(ProblemType.UNSUPPORTED_AUDIO.uri());
    }

    @Test
    void aReceiverSlowerThanTheTimeoutFailsTheAttemptWithoutHoldingUpOtherWebhooks() throws Exception {
        // The test profile's timeout is 3 s: 1 s to connect, 2 s for the answer.
        UUID slowJob = UUID.randomUUID();
        String slowPath = "/hooks/" + slowJob;
        finish(slowJob, receiver.url(slowPath, new Answer(200, null, Duration.ofSeconds(4)), Answer.of(200)));
        awaitCondition(() -> receiver.requests(slowPath).size() == 1);

        UUID quickJob = UUID.randomUUID();
        String quickPath = "/hooks/" + quickJob;
        finish(quickJob, receiver.url(quickPath, Answer.of(200)));
        awaitDeliveries(quickJob, found -> "DELIVERED".equals(found.getString("items[0].state")));
        Instant slowStarted = receiver.requests(slowPath).get(0).at();
        assertThat(Duration.between(slowStarted, receiver.requests(quickPath).get(0).at()))
                .isLessThan(Duration.ofMillis(1_900));

        JsonPath slow = awaitDeliveries(slowJob, found -> "DELIVERED".equals(found.getString("items[0].state")));
        assertThat(slow.getList("items[0].attempts.outcome")).containsExactly("RETRY", "DELIVERED");
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

        Thread.sleep(2_000); // longer than the longest wait of the test schedule
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

        Thread.sleep(2_000);
        assertThat(receiver.requests(path)).hasSize(4);
        assertThat(deliveries.getList("items[0].attempts.outcome")).containsExactly("RETRY", "RETRY", "RETRY", "GAVE_UP");
        // The waits grow: 150-300 ms, 300-600 ms, 500-1000 ms (capped at 1 s).
        List<Received> requests = receiver.requests(path);
        assertThat(Duration.between(requests.get(2).at(), requests.get(3).at()))
                .isGreaterThan(Duration.between(requests.get(0).at(), requests.get(1).at()).minusMillis(150));
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
        finish(jobId, receiver.url(path, new Answer(503, "1"), Answer.of(200)));
        awaitDeliveries(jobId, found -> found.getList("items.attempts.flatten()").size() == 1);

        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement(
                    "select webhook_id from webhook_delivery where job_id = ? for update")) {
                lock.setObject(1, jobId);
                lock.executeQuery().close();
            }
            // Meanwhile another job's webhook goes out: the locked row is skipped, not waited for.
            UUID otherJob = UUID.randomUUID();
            String otherPath = "/hooks/" + otherJob;
            finish(otherJob, receiver.url(otherPath, Answer.of(200)));
            awaitDeliveries(otherJob, found -> "DELIVERED".equals(found.getString("items[0].state")));
            Thread.sleep(1_500); // the retry fell due a second after the first attempt
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

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            PipelineEvents.pause();
        }
    }

    private JsonPath awaitDeliveries(UUID jobId, Predicate<JsonPath> condition) {
        return await("/v1/jobs/{id}/deliveries", jobId, condition);
    }

    private JsonPath awaitJob(UUID jobId, Predicate<JsonPath> condition) {
        return await("/v1/jobs/{id}", jobId, condition);
    }

    private static JsonPath await(String path, UUID jobId, Predicate<JsonPath> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            var response = given().get(path, jobId);
            if (response.statusCode() == 200) {
                last = response.jsonPath();
                if (condition.test(last)) {
                    return last;
                }
            }
            PipelineEvents.pause();
        }
        throw new AssertionError(path.replace("{id}", jobId.toString()) + " did not reach the expected state within "
                + PATIENCE + "; last seen: " + (last == null ? "nothing" : last.prettify()));
    }

    private long count(String sql, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}

package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.hitorflop.results.it.ResultsApi.awaitJob;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stuck-job sweeper waits until the consumers have read what was waiting in the topics at start
 * (issue 11: after an outage it failed jobs as timed-out whose verdicts were waiting in Kafka), and
 * a verdict that arrives after a time-out makes the job DONE after all.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@WithTestResource(SweeperCatchUpTest.StaleJobWaitingInKafka.class)
@Tag("integration")
class SweeperCatchUpTest {

    static final String STALE_JOB_PROPERTY = "test.stale-job-id";

    /**
     * Before the service starts (as after an outage): a job whose last state is an hour old, far past
     * its time-out, with its verdict waiting in the verdicts topic behind a backlog of other verdicts.
     */
    public static class StaleJobWaitingInKafka implements QuarkusTestResourceLifecycleManager {

        private static final int BACKLOG = 300;

        @Override
        public Map<String, String> start() {
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            UUID jobId = UUID.randomUUID();
            Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
            int verdictPartition = 0;
            try (PipelineEvents events = new PipelineEvents(json)) {
                events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, anHourAgo,
                        JobSource.FEATURE_VECTOR, "spotify", null, null, null));
                events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), jobId,
                        anHourAgo.plusSeconds(1), "spotify", Map.of("energy", 0.8), Map.of(), null));
                for (int i = 0; i < BACKLOG; i++) {
                    UUID otherJob = UUID.randomUUID();
                    send(events, json, verdictPartition, otherJob, anHourAgo);
                }
                send(events, json, verdictPartition, jobId, anHourAgo.plusSeconds(2));
            }
            return Map.of(STALE_JOB_PROPERTY, jobId.toString());
        }

        private static void send(PipelineEvents events, ObjectMapper json, int partition, UUID jobId, Instant at) {
            try {
                events.send(new ProducerRecord<>(Topics.VERDICTS, partition, jobId.toString(), json.writeValueAsString(
                        PipelineEvents.verdictEvent(jobId, at, Verdict.Label.HIT, 4))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
        }

        @Override
        public int order() {
            return 100; // after LocalStackTestResource (0): its Kafka broker takes the records
        }
    }

    @Inject
    ObjectMapper json;

    @Test
    void aStaleJobWhoseVerdictWaitsInKafkaAtStartEndsDoneAndIsNeverFailed() {
        // Read here, not injected: every test class is a bean of every test application, which would all need the key.
        UUID staleJob = ConfigProvider.getConfig().getValue(STALE_JOB_PROPERTY, UUID.class);
        JsonPath job = awaitJob(staleJob, found -> "DONE".equals(found.getString("status")));

        assertThat(job.getList("transitions.status", String.class)).containsExactly("QUEUED", "FEATURES_READY", "DONE");
        assertThat(job.getString("failure")).isNull();
        assertThat(given().get("/q/health/ready").then().statusCode(200).extract().asString())
                .contains("Pipeline topics read up to their end at start");
    }

    @Test
    void aVerdictAfterATimeOutMakesTheJobDoneAndTellsTheReceiverAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(); PipelineEvents events = new PipelineEvents(json)) {
            UUID jobId = UUID.randomUUID();
            String path = "/hooks/" + jobId;
            Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
            events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, anHourAgo,
                    JobSource.FEATURE_VECTOR, "spotify", null, null, receiver.url(path, WebhookReceiver.Answer.of(204))));
            JsonPath timedOut = awaitJob(jobId, found -> "FAILED".equals(found.getString("status")));
            assertThat(timedOut.getString("failure.type")).isEqualTo(ProblemType.TIMED_OUT.uri());
            // A webhook's body is fixed at its first attempt: one first attempted after the verdict would carry DONE.
            await().atMost(PipelineEvents.PATIENCE).until(() -> receiver.requests(path).size() == 1);

            Instant now = Instant.now();
            events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), jobId, now, "spotify",
                    Map.of("energy", 0.8), Map.of(), null));
            events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, now.plusMillis(5), Verdict.Label.HIT, 4));
            JsonPath done = awaitJob(jobId, found -> "DONE".equals(found.getString("status")));

            assertThat(done.getString("failure")).isNull();
            assertThat(done.getString("verdict.label")).isEqualTo("HIT");
            assertThat(done.getList("transitions.status", String.class)).contains("QUEUED", "FAILED", "DONE");
            List<WebhookReceiver.Received> webhooks = await().atMost(PipelineEvents.PATIENCE)
                    .until(() -> receiver.requests(path), received -> received.size() >= 2);
            assertThat(webhooks).hasSize(2);
            assertThat(webhooks).extracting(request -> json.readTree(request.body()).get("status").asText())
                    .containsExactly("FAILED", "DONE");
            assertThat(webhooks.get(0).header("webhook-id")).isNotEqualTo(webhooks.get(1).header("webhook-id"));
            assertThat(given().get("/v1/jobs/{id}/deliveries", jobId).then().statusCode(200).extract().jsonPath()
                    .getList("items.state", String.class)).containsExactly("DELIVERED", "DELIVERED");
        }
    }
}

package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.security.apikeys.ApiKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records the service cannot store as they are (issue 11: a NUL in a file name stalled every
 * tenant's jobs for ~21 s of retries, then left a DONE job without owner or webhook) fail their own
 * job at once, owner and webhook kept, and do not hold up anyone else's job.
 */
@QuarkusTest
@TestProfile(PoisonRecordTest.TwoTenants.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class PoisonRecordTest {

    private static final String ALICE_KEY = "alice-poison-key-0b6e2f4d9a13c875";
    private static final String BOB_KEY = "bob-poison-key-7c1d5e9f2a46b083";
    /** The broker's and producer's default limit is 1 MiB per record: a 10^6-character name and its envelope fit. */
    private static final int HUGE_NAME_LENGTH = 1_000_000;
    private static final int MAX_TEXT_LENGTH = 8192;
    private static final Duration NORMAL_TIME = Duration.ofSeconds(5);
    /** One partition for the dirty records and the next job, so that the next job is read after them. */
    private static final int SHARED_PARTITION = 0;

    /** Keys on, so that a job is readable only with its owner's key. */
    public static class TwoTenants implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hitorflop.security.api-keys.enabled", "true",
                    "hitorflop.security.api-keys.keys",
                    ApiKeys.entryFor("alice", ALICE_KEY) + "," + ApiKeys.entryFor("bob", BOB_KEY));
        }
    }

    private static final WebhookReceiver receiver = new WebhookReceiver();

    @Inject
    ObjectMapper json;

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void dirtyJobAcceptedRecordsFailTheirJobAtOnceAndTheNextTenantsJobIsNotHeldUp() throws Exception {
        // name as sent -> name as stored; a lone surrogate can only arrive as a JSON escape (UTF-8 cannot carry it)
        Map<String, String> dirtyNames = new LinkedHashMap<>();
        dirtyNames.put("nul\u0000name.mp3", "nulname.mp3");
        dirtyNames.put("lone-LONE_SURROGATE.mp3", "lone-\uFFFD.mp3");
        dirtyNames.put("a".repeat(HUGE_NAME_LENGTH), "a".repeat(MAX_TEXT_LENGTH));
        Map<UUID, String> dirtyJobs = new LinkedHashMap<>();
        UUID bobsJob = UUID.randomUUID();
        try (PipelineEvents events = new PipelineEvents(json)) {
            for (String name : dirtyNames.keySet()) {
                UUID jobId = UUID.randomUUID();
                dirtyJobs.put(jobId, dirtyNames.get(name));
                JobAccepted accepted = new JobAccepted(1, UUID.randomUUID(), jobId, Instant.now(), JobSource.AUDIO_UPLOAD,
                        "audio", name, "alice", receiver.url("/hooks/" + jobId, WebhookReceiver.Answer.of(204)));
                String record = json.writeValueAsString(accepted).replace("LONE_SURROGATE", "\\ud800");
                events.send(new ProducerRecord<>(Topics.JOBS_ACCEPTED, SHARED_PARTITION, jobId.toString(), record));
            }

            Instant start = Instant.now();
            JobAccepted bobsAccepted = new JobAccepted(1, UUID.randomUUID(), bobsJob, start, JobSource.FEATURE_VECTOR,
                    "spotify", null, "bob", null);
            events.send(new ProducerRecord<>(Topics.JOBS_ACCEPTED, SHARED_PARTITION, bobsJob.toString(),
                    json.writeValueAsString(bobsAccepted)));
            events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), bobsJob, start.plusMillis(5),
                    "spotify", Map.of("energy", 0.8), Map.of(), null));
            events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(bobsJob, start.plusMillis(10), Verdict.Label.HIT, 4));
            Instant lastEventSent = Instant.now();

            // Polled patiently (a first request to a cold service on a busy machine can be slow), then timed by
            // the service's own clock: updatedAt is when it stored the DONE state.
            JsonPath done = ResultsApi.awaitJob(BOB_KEY, bobsJob, found -> "DONE".equals(found.getString("status")));
            Duration took = Duration.between(lastEventSent, Instant.parse(done.getString("updatedAt")));
            System.out.printf("bob's job DONE %d ms after its last event, behind %d dirty records%n", took.toMillis(),
                    dirtyJobs.size());
            assertThat(took).isLessThan(NORMAL_TIME);
        }

        for (Map.Entry<UUID, String> dirty : dirtyJobs.entrySet()) {
            UUID jobId = dirty.getKey();
            JsonPath job = ResultsApi.awaitJob(ALICE_KEY, jobId, found -> "FAILED".equals(found.getString("status")));
            assertThat(job.getString("failure.type")).isEqualTo(ProblemType.INVALID_EVENT.uri());
            assertThat(job.getString("failure.detail")).startsWith("JobAccepted cannot be stored: sourceName ");
            assertThat(job.getList("transitions.status", String.class)).containsExactly("QUEUED", "FAILED");
            assertThat(job.getString("sourceName")).isEqualTo(dirty.getValue());
            given().header(ApiKeys.HEADER, BOB_KEY).get("/v1/jobs/{id}", jobId).then().statusCode(404);

            List<WebhookReceiver.Received> webhooks = await().atMost(PipelineEvents.PATIENCE)
                    .until(() -> receiver.requests("/hooks/" + jobId), received -> !received.isEmpty());
            assertThat(webhooks).hasSize(1);
            assertThat(json.readTree(webhooks.get(0).body()).get("status").asText()).isEqualTo("FAILED");
        }
        assertThat(PipelineEvents.keysOn(Topics.deadLetterOf(Topics.JOBS_ACCEPTED), dirtyJobs.size()))
                .containsAll(dirtyJobs.keySet().stream().map(UUID::toString).toList());
    }
}

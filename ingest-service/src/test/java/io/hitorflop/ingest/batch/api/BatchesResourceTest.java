package io.hitorflop.ingest.batch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitorflop.contract.Topics;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /v1/batches} against the real Kafka broker and PostgreSQL: rows become jobs with
 * their batch, line and echoed columns after the batch's {@code BatchAccepted}; refused rows are
 * published with their reasons; whole-batch limits answer problem+json; the running-batch limit
 * is freed by {@code BatchCompleted}. Test limits: 300 rows, 128 KiB (src/test/resources).
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class BatchesResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "id,danceability,energy,key,loudness,mode,speechiness,acousticness,"
            + "instrumentalness,liveness,valence,tempo,duration_ms,time_signature,url\n";
    private static final String VECTOR = "0.72,0.81,5,-5.2,1,0.05,0.11,0,0.12,0.64,118,210000,4,";

    @Test
    void validRowsBecomeJobsOfTheBatchAfterItsBatchAcceptedAndRefusedRowsAreReported() throws Exception {
        String csv = HEADER
                + "a," + VECTOR + "\n"
                + "b,0.72,loud,5,-5.2,1,0.05,0.11,0,0.12,0.64,118,210000,4,\n"
                + "c,,,,,,,,,,,,,,http://127.0.0.1:9/c.mp3\n"
                + "d,,,,,,,,,,,,,,http://169.254.169.254/\n";
        Response response = submit(csv, "text/csv", "?explain=true");
        response.then().statusCode(202).body("rows", equalTo(4)).body("accepted", equalTo(2))
                .body("rejected", equalTo(2));
        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo("/v1/batches/" + id);

        List<JsonNode> batchEvents = KafkaEvents.await(Topics.BATCHES, id, 2, Duration.ofSeconds(20));
        assertThat(batchEvents).extracting(event -> event.path("type").asText())
                .containsExactly("BatchAccepted", "BatchRowsRejected");
        assertThat(batchEvents.get(0).path("columns").toString()).isEqualTo("[\"id\"]");
        assertThat(batchEvents.get(0).path("explain").asBoolean()).isTrue();
        JsonNode rejected = batchEvents.get(1).path("rows");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).path("line").asInt()).isEqualTo(3);
        assertThat(rejected.get(0).path("problemType").asText()).endsWith("/invalid-features");
        assertThat(rejected.get(0).path("columns").path("id").asText()).isEqualTo("b");
        assertThat(rejected.get(1).path("problemType").asText()).endsWith("/forbidden-url");
        release(id);
    }

    @Test
    void jsonLinesRowsArePublishedWithLineAndColumnsAndAVectorWithItsExplainChoice() throws Exception {
        String jsonl = "{\"id\":\"x\",\"title\":\"Song\",\"danceability\":0.72,\"energy\":0.81,\"key\":5,\"loudness\":-5.2,"
                + "\"mode\":1,\"speechiness\":0.05,\"acousticness\":0.11,\"instrumentalness\":0,\"liveness\":0.12,"
                + "\"valence\":0.64,\"tempo\":118,\"duration_ms\":210000,\"time_signature\":4}\n";
        Response response = submit(jsonl, "application/x-ndjson", "");
        response.then().statusCode(202).body("accepted", equalTo(1));
        String id = response.path("id");
        release(id);
        JsonNode job = jobOfBatch(id);
        assertThat(job.path("batchRow").asInt()).isEqualTo(1);
        assertThat(job.path("batchColumns").path("title").asText()).isEqualTo("Song");
        assertThat(job.path("owner").isNull()).isTrue();
        JsonNode features = KafkaEvents.find(Topics.FEATURES_READY, job.path("jobId").asText(), Duration.ofSeconds(20))
                .orElseThrow();
        assertThat(features.path("explain").asBoolean(true)).isFalse();
        assertThat(features.path("features").size()).isEqualTo(13);
    }

    @Test
    void aBatchOverARowOrByteLimitOrUnreadableIsRefusedWhole() {
        StringBuilder tooMany = new StringBuilder(HEADER);
        for (int row = 0; row < 301; row++) {
            tooMany.append(row).append(',').append(VECTOR).append('\n');
        }
        submit(tooMany.toString(), "text/csv", "").then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/too-many-rows"));
        submit("id\n" + "x".repeat(130 * 1024) + "\n", "text/csv", "").then().statusCode(413)
                .body("type", equalTo("https://hitorflop.io/problems/payload-too-large"));
        submit("", "text/csv", "").then().statusCode(400)
                .body("type", equalTo("https://hitorflop.io/problems/invalid-batch"));
        submit(HEADER, "text/csv", "?featureSet=other").then().statusCode(400)
                .body("type", equalTo("https://hitorflop.io/problems/invalid-query"));
        given().contentType("text/plain").body("id\n1\n").post("/v1/batches").then().statusCode(415);
    }

    @Test
    void aThirdRunningBatchIs429UntilOneIsReportedComplete() throws Exception {
        String csv = HEADER + "a," + VECTOR + "\n";
        String first = submitWhenASlotIsFree(csv);
        String second = submitWhenASlotIsFree(csv);
        submit(csv, "text/csv", "").then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", "30")
                .body("type", equalTo("https://hitorflop.io/problems/too-many-batches"));
        release(first);
        String third = submitWhenASlotIsFree(csv);
        release(second);
        release(third);
    }

    @Test
    void theSameIdempotencyKeyAndFileIsTheSameBatchAndAnotherFileIs422() throws Exception {
        String csv = HEADER + "a," + VECTOR + "\n";
        String key = UUID.randomUUID().toString();
        Response first = given().contentType("text/csv").header("Idempotency-Key", key).body(csv).post("/v1/batches");
        first.then().statusCode(202);
        String id = first.path("id");
        given().contentType("text/csv").header("Idempotency-Key", key).body(csv).post("/v1/batches").then()
                .statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        given().contentType("text/csv").header("Idempotency-Key", key).body(csv.replace("a,", "b,"))
                .post("/v1/batches").then().statusCode(422)
                .body("type", equalTo("https://hitorflop.io/problems/idempotency-key-reused"));
        release(id);
    }

    private static Response submit(String body, String contentType, String query) {
        return given().contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/batches" + query);
    }

    /** Other tests' batches may hold the anonymous mode's two slots for a moment. */
    private static String submitWhenASlotIsFree(String csv) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> submit(csv, "text/csv", ""),
                response -> response.statusCode() != 429).then().statusCode(202).extract().path("id");
    }

    /** Reports the batch complete, as results-service does, freeing its running slot. */
    private static void release(String batchId) throws Exception {
        KafkaEvents.send(Topics.BATCHES, batchId, "{\"type\":\"BatchCompleted\",\"schemaVersion\":1,\"eventId\":\""
                + UUID.randomUUID() + "\",\"batchId\":\"" + batchId + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"owner\":null,\"done\":0,\"failed\":0}");
    }

    /** The (only) job of the batch: records are keyed by job id, so every JobAccepted is read. */
    private static JsonNode jobOfBatch(String batchId) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOBS_ACCEPTED).stream()
                    .map(info -> new TopicPartition(Topics.JOBS_ACCEPTED, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (batchId.equals(event.path("batchId").asText())) {
                        return event;
                    }
                }
            }
        }
        throw new AssertionError("no JobAccepted of batch " + batchId);
    }
}

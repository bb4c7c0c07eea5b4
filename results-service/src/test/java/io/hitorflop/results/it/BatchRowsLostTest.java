package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.results.batch.domain.CompletionRule;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.BatchCompleted;
import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.results.config.ResultsConfig;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A batch whose ingest stopped while queueing it (killed, evicted after {@code BatchAccepted}) is
 * completed once nothing new of it was read for {@code rows-lost-after} (3 s in the test profile),
 * its missing rows counted lost, once; a batch whose row another replica holds (completing it) is
 * left to that one; a batch whose rows keep coming is not completed, and one whose rows all come
 * completes with nothing lost.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class BatchRowsLostTest {

    private static final WebhookReceiver receiver = new WebhookReceiver();

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ResultsConfig config;

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aBatchWhoseOtherRowsNeverComeIsCompleteWithThemLostOnceAndStaysCompleteForALateRow() throws Exception {
        UUID batchId = UUID.randomUUID();
        String hook = "/hooks/lost/" + batchId;
        List<UUID> jobs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (PipelineEvents events = new PipelineEvents(json)) {
            publish(events, BatchAccepted.of(batchId, null, 5, 5, 0, List.of("id"),
                    receiver.url(hook, WebhookReceiver.Answer.of(204)), false));
            for (int i = 0; i < jobs.size(); i++) {
                events.publish(Topics.JOBS_ACCEPTED, row(batchId, jobs.get(i), i + 2));
                finish(events, jobs.get(i));
            }
        }

        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> given().get("/v1/batches/{id}", batchId).then()
                .statusCode(200).body("status", equalTo("COMPLETE")));
        String lostDetail = CompletionRule.lostDetail(2, 5);
        given().get("/v1/batches/{id}", batchId).then()
                .body("lost", equalTo(2))
                .body("failure.type", equalTo(ProblemType.ROWS_LOST.uri()))
                .body("failure.detail", equalTo(lostDetail))
                .body("counts.DONE", equalTo(3)).body("counts.QUEUED", equalTo(0))
                .body("done", equalTo(3)).body("progress", equalTo(1.0f));
        assertThat(resultLines(batchId)).containsExactly("2 DONE", "3 DONE", "4 DONE");

        // A marker batch (no rows: complete at the next check) completes after it: no second event or webhook came meanwhile.
        UUID marker = UUID.randomUUID();
        String markerHook = "/hooks/marker/" + marker;
        try (PipelineEvents events = new PipelineEvents(json)) {
            publish(events, BatchAccepted.of(marker, null, 0, 0, 0, List.of("id"),
                    receiver.url(markerHook, WebhookReceiver.Answer.of(204)), false));
        }
        await().atMost(PipelineEvents.PATIENCE).until(() -> receiver.requests(markerHook), received -> !received.isEmpty());
        List<BatchCompleted> completions = completionsUntil(marker);
        assertThat(completions).filteredOn(completed -> completed.batchId().equals(batchId)).singleElement()
                .satisfies(completed -> assertThat(completed.done()).isEqualTo(3));
        List<WebhookReceiver.Received> webhooks = receiver.requests(hook);
        assertThat(webhooks).hasSize(1);
        JsonNode data = json.readTree(webhooks.get(0).body()).path("data");
        assertThat(data.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(data.path("lost").asInt()).isEqualTo(2);
        assertThat(data.path("failure").path("detail").asText()).isEqualTo(lostDetail);

        // A very late row (a transaction of the dead ingest that did commit after all) is stored and listed.
        UUID late = UUID.randomUUID();
        try (PipelineEvents events = new PipelineEvents(json)) {
            events.publish(Topics.JOBS_ACCEPTED, row(batchId, late, 5));
        }
        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> assertThat(resultLines(batchId))
                .containsExactly("2 DONE", "3 DONE", "4 DONE", "5 QUEUED"));
        given().get("/v1/batches/{id}", batchId).then().body("status", equalTo("COMPLETE")).body("lost", equalTo(2));
    }

    @Test
    void aBatchAnotherReplicaHoldsIsLeftToItAndCompletedOnceReleased() throws Exception {
        UUID batchId = UUID.randomUUID();
        String hook = "/hooks/held/" + batchId;
        UUID job = UUID.randomUUID();
        try (PipelineEvents events = new PipelineEvents(json)) {
            publish(events, BatchAccepted.of(batchId, null, 2, 2, 0, List.of("id"),
                    receiver.url(hook, WebhookReceiver.Answer.of(204)), false));
            events.publish(Topics.JOBS_ACCEPTED, row(batchId, job, 2));
            finish(events, job);
        }
        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> assertThat(resultLines(batchId)).containsExactly("2 DONE"));

        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("select id from batch where id = ? for update")) {
                lock.setObject(1, batchId);
                lock.executeQuery().close();
            }
            // due now: its one job DONE, nothing read for rows-lost-after; a marker batch completed after that was checked too
            Duration rowsLostAfter = config.batches().rowsLostAfter();
            await().atMost(PipelineEvents.PATIENCE).until(() -> quietFor(batchId, rowsLostAfter));
            UUID marker = UUID.randomUUID();
            try (PipelineEvents events = new PipelineEvents(json)) {
                publish(events, BatchAccepted.of(marker, null, 0, 0, 0, List.of("id"), null, false));
            }
            await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> given().get("/v1/batches/{id}", marker).then()
                    .statusCode(200).body("status", equalTo("COMPLETE")));
            given().get("/v1/batches/{id}", batchId).then().body("status", equalTo("RUNNING"));
            assertThat(receiver.requests(hook)).isEmpty();
            otherReplica.rollback();
        }

        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> given().get("/v1/batches/{id}", batchId).then()
                .statusCode(200).body("status", equalTo("COMPLETE")).body("lost", equalTo(1)));
        await().atMost(PipelineEvents.PATIENCE).until(() -> receiver.requests(hook), received -> received.size() == 1);
        assertThat(completionsUntil(batchId)).filteredOn(completed -> completed.batchId().equals(batchId)).hasSize(1);
    }

    @Test
    void aBatchWhoseRowsKeepComingRunsAndCompletesWithNothingLostWhenTheyAllCame() throws Exception {
        UUID batchId = UUID.randomUUID();
        String hook = "/hooks/whole/" + batchId;
        List<UUID> jobs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (PipelineEvents events = new PipelineEvents(json)) {
            publish(events, BatchAccepted.of(batchId, null, 3, 3, 0, List.of("id"),
                    receiver.url(hook, WebhookReceiver.Answer.of(204)), false));
            // the first row's job stays QUEUED until the end, so the batch cannot complete before its rows are in
            events.publish(Topics.JOBS_ACCEPTED, row(batchId, jobs.get(0), 2));
            await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> assertThat(resultLines(batchId)).hasSize(1));

            // as if the batch had been quiet for two hours: the next row read makes it recent again
            String readRecently = "select count(*) from batch where id = ? and rows_read_at > now() - interval '1 minute'";
            try (Connection connection = dataSource.getConnection(); PreparedStatement backdate = connection.prepareStatement(
                    "update batch set rows_read_at = now() - interval '2 hours' where id = ?")) {
                backdate.setObject(1, batchId);
                assertThat(backdate.executeUpdate()).isEqualTo(1);
            }
            assertThat(StoredRows.count(dataSource, readRecently, batchId)).isZero();
            events.publish(Topics.JOBS_ACCEPTED, row(batchId, jobs.get(1), 3));
            StoredRows.awaitCount(dataSource, readRecently, batchId, 1);
            given().get("/v1/batches/{id}", batchId).then().body("status", equalTo("RUNNING"))
                    .body("counts.QUEUED", equalTo(3)).body("lost", nullValue());

            events.publish(Topics.JOBS_ACCEPTED, row(batchId, jobs.get(2), 4));
            await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> assertThat(resultLines(batchId)).hasSize(3));
            for (UUID job : jobs) {
                finish(events, job);
            }
        }

        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> given().get("/v1/batches/{id}", batchId).then()
                .statusCode(200).body("status", equalTo("COMPLETE")));
        given().get("/v1/batches/{id}", batchId).then().body("lost", nullValue()).body("failure", nullValue())
                .body("counts.DONE", equalTo(3));
        List<WebhookReceiver.Received> webhooks = await().atMost(PipelineEvents.PATIENCE)
                .until(() -> receiver.requests(hook), received -> !received.isEmpty());
        JsonNode data = json.readTree(webhooks.get(0).body()).path("data");
        assertThat(data.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(data.has("lost")).isFalse();
        assertThat(data.has("failure")).isFalse();
    }

    /** Whether nothing of the batch was read for {@code wait}, by the database's clock (the one it is stored by). */
    private boolean quietFor(UUID batchId, Duration wait) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement quiet = connection.prepareStatement(
                "select rows_read_at <= now() - make_interval(secs => ?) from batch where id = ?")) {
            quiet.setDouble(1, wait.toMillis() / 1000.0);
            quiet.setObject(2, batchId);
            try (ResultSet result = quiet.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void publish(PipelineEvents events, BatchEvent event) throws Exception {
        events.send(new ProducerRecord<>(Topics.BATCHES, event.batchId().toString(),
                json.writerFor(BatchEvent.class).writeValueAsString(event)));
    }

    private static JobAccepted row(UUID batchId, UUID jobId, int line) {
        return JobAccepted.ofBatchRow(jobId, JobSource.FEATURE_VECTOR, "spotify", null, null, batchId, line,
                Map.of("id", "song-" + line), false);
    }

    /** The vector's features, then its verdict: the job becomes DONE. */
    private static void finish(PipelineEvents events, UUID jobId) {
        Instant at = Instant.now();
        events.publish(Topics.FEATURES_READY, new FeaturesReady(1, UUID.randomUUID(), jobId, at, "spotify",
                Map.of("energy", 0.8), Map.of(), null));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, at.plusMillis(1), Verdict.Label.HIT, 4));
    }

    /** "line status" of each row of the batch's results, in input order. */
    private static List<String> resultLines(UUID batchId) {
        return PipelineEvents.jsonLines(given().queryParam("format", "jsonl").get("/v1/batches/{id}/results", batchId)
                        .then().statusCode(200).extract().asString()).stream()
                .map(row -> row.path("line").asInt() + " " + row.path("status").asText()).toList();
    }

    /** Every {@code BatchCompleted} on {@code hitorflop.batches} from its start, read until {@code last}'s is among them. */
    private List<BatchCompleted> completionsUntil(UUID last) {
        List<BatchCompleted> completions = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BATCHES).stream()
                    .map(info -> new TopicPartition(Topics.BATCHES, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PipelineEvents.PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (json.readValue(record.value(), BatchEvent.class) instanceof BatchCompleted completed) {
                        completions.add(completed);
                    }
                }
                return completions.stream().anyMatch(completed -> completed.batchId().equals(last));
            });
        }
        return completions;
    }
}

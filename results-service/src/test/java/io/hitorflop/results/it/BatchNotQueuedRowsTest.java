package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.contract.batches.BatchRowsRejected;
import io.hitorflop.contract.batches.RejectedRow;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rows ingest accepted but could not queue (the broker failed during the batch) arrive as rejected
 * rows with {@code queue-unavailable}: they count as FAILED, so the batch completes and its webhook
 * fires, and the results file says FAILED with the reason. Before, such a batch stayed RUNNING.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class BatchNotQueuedRowsTest {

    private static final WebhookReceiver receiver = new WebhookReceiver();

    @Inject
    ObjectMapper json;

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void rowsIngestCouldNotQueueCountFailedAndTheBatchCompletes() throws Exception {
        UUID batchId = UUID.randomUUID();
        String hook = "/hooks/batch/" + batchId;
        String detail = "the message broker did not take this row's job; submit the row again";
        try (PipelineEvents events = new PipelineEvents(json)) {
            for (BatchEvent event : List.of(
                    BatchAccepted.of(batchId, null, 3, 2, 1, List.of("id"), receiver.url(hook, WebhookReceiver.Answer.of(204)), false),
                    BatchRowsRejected.of(batchId, List.of(
                            new RejectedRow(2, ProblemType.QUEUE_UNAVAILABLE.uri(), detail, Map.of("id", "a")),
                            new RejectedRow(3, ProblemType.INVALID_FEATURES.uri(), "tempo is missing", Map.of("id", "b")),
                            new RejectedRow(4, ProblemType.QUEUE_UNAVAILABLE.uri(), detail, Map.of("id", "c")))))) {
                events.send(new ProducerRecord<>(Topics.BATCHES, batchId.toString(),
                        json.writerFor(BatchEvent.class).writeValueAsString(event)));
            }
        }

        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> given().get("/v1/batches/{id}", batchId).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("COMPLETE")));
        given().get("/v1/batches/{id}", batchId).then().body("counts.FAILED", org.hamcrest.Matchers.equalTo(2))
                .body("counts.QUEUED", org.hamcrest.Matchers.equalTo(0)).body("rejected", org.hamcrest.Matchers.equalTo(1));
        List<JsonNode> rows = PipelineEvents.jsonLines(given().queryParam("format", "jsonl")
                .get("/v1/batches/{id}/results", batchId).then().statusCode(200).extract().asString());
        assertThat(rows).extracting(row -> row.path("line").asInt() + " " + row.path("status").asText())
                .containsExactly("2 FAILED", "3 REJECTED", "4 FAILED");
        assertThat(rows.get(0).path("detail").asText()).isEqualTo(detail);
        List<WebhookReceiver.Received> webhooks = await().atMost(PipelineEvents.PATIENCE)
                .until(() -> receiver.requests(hook), received -> !received.isEmpty());
        assertThat(json.readTree(webhooks.get(0).body()).path("data").path("status").asText()).isEqualTo("COMPLETE");
    }
}

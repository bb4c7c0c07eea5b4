package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch row PostgreSQL cannot store (a NUL in an echoed column: jsonb refuses {@code \u0000})
 * goes alone to {@code hitorflop.batch-rows.dlq}; the row polled with it is stored and the
 * batch-rows channel goes on (with the default failure strategy the channel stopped for good).
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class BatchRowDeadLetterTest {

    @Inject
    ObjectMapper json;

    @Test
    void aRowThatCannotBeStoredIsDeadLetteredAloneAndTheRowsAfterItAreStored() throws Exception {
        UUID batchId = UUID.randomUUID();
        UUID poisonJob = UUID.randomUUID();
        UUID goodJob = UUID.randomUUID();
        UUID laterJob = UUID.randomUUID();
        try (PipelineEvents events = new PipelineEvents(json)) {
            events.send(new ProducerRecord<>(Topics.BATCHES, batchId.toString(), json.writerFor(BatchEvent.class)
                    .writeValueAsString(BatchAccepted.of(batchId, null, 3, 3, 0, List.of("title"), null, false))));
        }
        PipelineEvents.sendTogether(List.of(row(batchId, poisonJob, 2, "nul\u0000title"), row(batchId, goodJob, 3, "fine")));
        PipelineEvents.sendTogether(List.of(row(batchId, laterJob, 4, "later")));

        await().atMost(PipelineEvents.PATIENCE).untilAsserted(() -> assertThat(PipelineEvents.jsonLines(given()
                .queryParam("format", "jsonl").get("/v1/batches/{id}/results", batchId).then().statusCode(200).extract()
                .asString())).extracting(row -> row.path("jobId").asText())
                .containsExactly(goodJob.toString(), laterJob.toString()));
        assertThat(PipelineEvents.keysOn(Topics.BATCH_ROWS_DEAD_LETTER, 1)).containsExactly(poisonJob.toString());
    }

    private ProducerRecord<String, String> row(UUID batchId, UUID jobId, int line, String title) throws Exception {
        JobAccepted accepted = JobAccepted.ofBatchRow(jobId, JobSource.FEATURE_VECTOR, "spotify", null, null, batchId,
                line, Map.of("title", title), false);
        return new ProducerRecord<>(Topics.JOBS_ACCEPTED, jobId.toString(), json.writeValueAsString(accepted));
    }
}

package io.hitorflop.contract.batches;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyBatchEventIsReadBackAsItsOwnTypeFromOneTopic() throws Exception {
        UUID batchId = UUID.randomUUID();
        List<BatchEvent> events = List.of(
                BatchAccepted.of(batchId, "alice", 3, 2, 1, List.of("id", "url"), null, false),
                BatchRowsRejected.of(batchId, List.of(new RejectedRow(4, ProblemType.INVALID_ROW.uri(),
                        "neither url nor features", Map.of("id", "x")))),
                BatchCompleted.of(batchId, "alice", 1, 1));
        for (BatchEvent event : events) {
            String text = json.writeValueAsString(event);
            assertThat(text).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
            assertThat(json.readValue(text, BatchEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void aJobAcceptedOfASingleJobCarriesNoBatchFieldsAndOneWrittenBeforeThemIsReadWithNulls() throws Exception {
        JobAccepted single = JobAccepted.of(UUID.randomUUID(), JobSource.FEATURE_VECTOR, "spotify", null);
        assertThat(json.writeValueAsString(single)).doesNotContain("batch");
        String old = "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"jobId\":\"" + UUID.randomUUID()
                + "\",\"occurredAt\":\"2026-12-05T00:00:00Z\",\"source\":\"FEATURE_VECTOR\",\"featureSet\":\"spotify\"}";
        JobAccepted read = json.readValue(old, JobAccepted.class);
        assertThat(read.batchId()).isNull();
        assertThat(read.batchRow()).isNull();
        assertThat(read.batchColumns()).isNull();
    }

    @Test
    void aBatchRowKeepsItsBatchAndColumnsAndAVectorItsExplainChoice() throws Exception {
        UUID batchId = UUID.randomUUID();
        JobAccepted row = JobAccepted.ofBatchRow(UUID.randomUUID(), JobSource.FEATURE_VECTOR, "spotify", null, null,
                batchId, 7, Map.of("title", "Song"), false);
        assertThat(json.readValue(json.writeValueAsString(row), JobAccepted.class)).isEqualTo(row);
        assertThat(row.explain()).isFalse();
        FeaturesReady vector = FeaturesReady.ofVector(row.jobId(), "spotify", Map.of("tempo", 120.0), false);
        assertThat(json.readValue(json.writeValueAsString(vector), FeaturesReady.class).explain()).isFalse();
        FeaturesReady old = FeaturesReady.of(row.jobId(), "audio", Map.of(), Map.of(), null);
        assertThat(json.writeValueAsString(old)).doesNotContain("explain");
    }
}

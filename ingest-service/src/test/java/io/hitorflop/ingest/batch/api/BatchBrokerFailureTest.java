package io.hitorflop.ingest.batch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.ingest.submission.messaging.FailingJobEventPublisher;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.security.apikeys.ApiKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker fails a batch's third transaction of jobs, after its {@code BatchAccepted} and two
 * transactions were committed: the rows of the failed transaction and all valid rows after it are
 * reported ({@code BatchRowsRejected}, {@code queue-unavailable}), so that results-service can
 * complete the batch; before, they were never reported and the batch stayed RUNNING for ever.
 */
@QuarkusTest
@TestProfile(BatchBrokerFailureTest.BrokerFailsMidBatch.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class BatchBrokerFailureTest {

    private static final String HEADER = "id,danceability,energy,key,loudness,mode,speechiness,acousticness,"
            + "instrumentalness,liveness,valence,tempo,duration_ms,time_signature,url\n";
    private static final String VECTOR = "0.72,0.81,5,-5.2,1,0.05,0.11,0,0.12,0.64,118,210000,4,";
    private static final int JOBS_PER_TRANSACTION = 5;
    private static final int VALID_ROWS = 30;
    private static final String API_KEY = "broker-failure-key-5d0c8a2e71f4b936";

    /**
     * Transactions of five jobs, and a publisher the test can make fail; an API key of its own, so
     * that its batch, which no results-service completes here, takes none of the anonymous slots
     * the other batch tests of this JVM use.
     */
    public static class BrokerFailsMidBatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hitorflop.ingest.batches.jobs-per-transaction", Integer.toString(JOBS_PER_TRANSACTION),
                    "hitorflop.security.api-keys.enabled", "true",
                    "hitorflop.security.api-keys.keys", ApiKeys.entryFor("broker-failure", API_KEY));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingJobEventPublisher.class);
        }
    }

    @AfterEach
    void brokerBack() {
        FailingJobEventPublisher.CALLS_BEFORE_FAILURE.set(Integer.MAX_VALUE);
    }

    @Test
    void rowsWhoseJobsWereNotCommittedAreReportedNotQueuedSoTheBatchCanComplete() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        IntStream.range(0, VALID_ROWS).forEach(row -> csv.append("t").append(row).append(',').append(VECTOR).append('\n'));
        csv.append("bad,0.72,loud,5,-5.2,1,0.05,0.11,0,0.12,0.64,118,210000,4,\n");
        FailingJobEventPublisher.CALLS_BEFORE_FAILURE.set(2);

        Response response = given().header(ApiKeys.HEADER, API_KEY).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/batches");

        response.then().statusCode(503);
        assertThat(response.path("type").toString()).isEqualTo(ProblemType.QUEUE_UNAVAILABLE.uri());
        String location = response.header("Location");
        assertThat(location).as("the batch exists: its results say which rows to send again").startsWith("/v1/batches/");
        String batchId = location.substring("/v1/batches/".length());
        List<JsonNode> events = KafkaEvents.await(Topics.BATCHES, batchId, 2, Duration.ofSeconds(20));
        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("BatchAccepted", "BatchRowsRejected");
        assertThat(events.get(0).path("accepted").asInt()).isEqualTo(VALID_ROWS);
        List<Integer> notQueued = new ArrayList<>();
        for (JsonNode row : events.get(1).path("rows")) {
            if (row.path("problemType").asText().equals(ProblemType.QUEUE_UNAVAILABLE.uri())) {
                notQueued.add(row.path("line").asInt());
                assertThat(row.path("columns").path("id").asText()).isEqualTo("t" + (row.path("line").asInt() - 2));
            } else {
                assertThat(row.path("line").asInt()).isEqualTo(VALID_ROWS + 2);
                assertThat(row.path("problemType").asText()).isEqualTo(ProblemType.INVALID_FEATURES.uri());
            }
        }
        // lines 2 to 11 were the two committed transactions; 12 to 31 were not queued
        int firstNotQueued = 2 + 2 * JOBS_PER_TRANSACTION;
        assertThat(notQueued).containsExactlyElementsOf(IntStream.rangeClosed(firstNotQueued, VALID_ROWS + 1).boxed().toList());
        assertThat(events.get(1).path("rows")).hasSize(notQueued.size() + 1);
    }
}

package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hitorflop.results.it.ResultsApi.awaitJob;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events consumed in batches and stored a batch per transaction keep the rules of single events.
 * Each batch is written as one Kafka record batch ({@link PipelineEvents#sendTogether}), so the
 * service gets it in one poll.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class BatchedStoringTest {

    private static final Pattern LARGEST_BATCH = Pattern.compile("(?m)^hitorflop_results_batch_events_max(?:\\{[^}]*})? (\\S+)");

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private PipelineEvents events;

    @BeforeEach
    void connectProducer() {
        events = new PipelineEvents(json);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void aBatchWithARepeatedAndAnEarlyVerdictIsStoredAsSingleEventsWouldBe() throws Exception {
        Instant start = Instant.now();
        UUID known = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, vectorJob(known, start));
        events.publish(Topics.FEATURES_READY, vectorFeatures(known, start.plusMillis(5)));
        // the two topics have consumers of their own: the features may be stored before the job's acceptance
        awaitJob(known, found -> found.getList("transitions.status").containsAll(List.of("QUEUED", "FEATURES_READY")));
        VerdictReady verdict = PipelineEvents.verdictEvent(known, start.plusMillis(9), Verdict.Label.HIT, 4);

        PipelineEvents.sendTogether(List.of(
                events.record(Topics.VERDICTS, verdict),
                events.record(Topics.VERDICTS, verdict),
                events.record(Topics.VERDICTS, PipelineEvents.verdictEvent(early, start.plusMillis(9), Verdict.Label.FLOP, 1))));

        JsonPath done = awaitJob(known, found -> "DONE".equals(found.getString("status")));
        assertThat(done.getList("transitions.status")).containsExactly("QUEUED", "FEATURES_READY", "DONE");
        assertThat(done.getInt("verdict.hitVotes")).isEqualTo(4);
        // the early verdict waits aside until its job has a state, as a single event would
        awaitCount("select count(*) from pending_verdict where job_id = ?", early, 1);
        given().get("/v1/jobs/{id}", early).then().statusCode(404);
        assertThat(largestBatch()).as("largest batch stored in one transaction").isGreaterThanOrEqualTo(3);

        events.publish(Topics.FEATURES_READY, vectorFeatures(early, start.plusMillis(5)));
        JsonPath earlyDone = awaitJob(early, found -> "DONE".equals(found.getString("status")));
        assertThat(earlyDone.getList("transitions.status")).containsExactly("FEATURES_READY", "DONE");
        assertThat(earlyDone.getString("verdict.label")).isEqualTo("FLOP");

        PipelineEvents.awaitAllConsumed();
        assertThat(count("select count(*) from processed_event where job_id = ?", known)).as("the repeat applied once")
                .isEqualTo(3);
        assertThat(count("select count(*) from job_transition where job_id = ?", known)).isEqualTo(3);
    }

    @Test
    void anUnreadableRecordInABatchFailsOnlyItsJob() throws Exception {
        Instant start = Instant.now();
        UUID before = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        for (UUID jobId : List.of(before, broken, after)) {
            events.publish(Topics.JOBS_ACCEPTED, vectorJob(jobId, start));
            awaitJob(jobId, found -> "QUEUED".equals(found.getString("status")));
        }

        PipelineEvents.sendTogether(List.of(
                events.record(Topics.FEATURES_READY, vectorFeatures(before, start.plusMillis(5))),
                new ProducerRecord<>(Topics.FEATURES_READY, broken.toString(), "{\"features\": not json"),
                events.record(Topics.FEATURES_READY, vectorFeatures(after, start.plusMillis(5)))));

        for (UUID stored : List.of(before, after)) {
            JsonPath job = awaitJob(stored, found -> "FEATURES_READY".equals(found.getString("status")));
            assertThat(job.getList("transitions.status")).containsExactly("QUEUED", "FEATURES_READY");
        }
        JsonPath failed = awaitJob(broken, found -> "FAILED".equals(found.getString("status")));
        assertThat(failed.getString("failure.detail")).contains("not a FeaturesReady");
        assertThat(failed.getList("transitions.status")).containsExactly("QUEUED", "FAILED");
        assertThat(KafkaEvents.await(Topics.deadLetterOf(Topics.FEATURES_READY), broken.toString(), 1, PipelineEvents.PATIENCE))
                .as("the unreadable record is dead-lettered").hasSize(1);
        assertThat(KafkaEvents.await(Topics.deadLetterOf(Topics.FEATURES_READY), before.toString(), 1, Duration.ofSeconds(3)))
                .as("its neighbours are not").isEmpty();
    }

    private static JobAccepted vectorJob(UUID jobId, Instant at) {
        return new JobAccepted(1, UUID.randomUUID(), jobId, at, JobSource.FEATURE_VECTOR, "spotify", null, null, null);
    }

    private static FeaturesReady vectorFeatures(UUID jobId, Instant at) {
        return new FeaturesReady(1, UUID.randomUUID(), jobId, at, "spotify", Map.of("energy", 0.8), Map.of(), null);
    }

    private static double largestBatch() {
        Matcher largest = LARGEST_BATCH.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return largest.find() ? Double.parseDouble(largest.group(1)) : 0;
    }

    private void awaitCount(String sql, UUID id, long expected) {
        StoredRows.awaitCount(dataSource, sql, id, expected);
    }

    private long count(String sql, UUID id) throws Exception {
        return StoredRows.count(dataSource, sql, id);
    }
}

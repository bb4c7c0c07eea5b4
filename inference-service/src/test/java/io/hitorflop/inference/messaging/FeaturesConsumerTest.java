package io.hitorflop.inference.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.SampleVectors;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** FeaturesReady in, VerdictReady or JobFailed out, on the real broker with the packaged ONNX models. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@Tag("integration")
class FeaturesConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Test
    void aSpotifyVectorGetsAVerdictWithFiveVotes() throws Exception {
        UUID jobId = UUID.randomUUID();
        FeaturesReady features = FeaturesReady.of(jobId, "spotify", SampleVectors.validSpotify(), Map.of(), null);

        KafkaEvents.send(Topics.FEATURES_READY, jobId.toString(), json.writeValueAsString(features));

        JsonNode verdict = verdictOf(jobId);
        assertThat(verdict.get("featureSet").asText()).isEqualTo("spotify");
        assertThat(verdict.get("modelVersion").asText()).isNotBlank();
        JsonNode body = verdict.get("verdict");
        assertThat(StreamSupport.stream(body.get("votes").spliterator(), false).map(vote -> vote.get("model").asText()))
                .containsExactlyElementsOf(ModelNames.ALL);
        assertThat(body.get("label").asText()).isIn("HIT", "FLOP");
        assertThat(body.get("label").asText()).isEqualTo(body.get("hitVotes").asInt() >= 3 ? "HIT" : "FLOP");
        assertThat(body.get("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(body.get("explanation")).as("follows on its own topic").isEmpty();
        JsonNode explained = KafkaEvents.await(Topics.EXPLANATIONS, jobId.toString(), 1, WAIT).get(0);
        assertThat(explained.get("modelVersion").asText()).isEqualTo(verdict.get("modelVersion").asText());
        assertThat(explained.get("explanation")).hasSize(FeatureSet.SPOTIFY.size());
        double sum = StreamSupport.stream(explained.get("explanation").spliterator(), false)
                .mapToDouble(c -> c.get("contribution").asDouble()).sum();
        assertThat(sum).isCloseTo(body.get("probability").asDouble() - explained.get("explanationBaseline").asDouble(),
                within(1e-9));
    }

    @Test
    void aBatchWithAnUnreadableRecordAndAnInvalidVectorScoresTheRestAndExplainsOnlyWhatWasAskedFor() throws Exception {
        UUID explained = UUID.randomUUID();
        UUID unexplained = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        String unreadable = UUID.randomUUID().toString();
        Map<String, Double> badTempo = FeatureSet.AUDIO.select(SampleVectors.validSpotify());
        badTempo.put("tempo", 900.0);
        FeaturesReady noExplanation = FeaturesReady.of(unexplained, "spotify", SampleVectors.validSpotify(), Map.of(), null);

        // Sent together, so they are usually polled into one batch (nothing here depends on it).
        KafkaEvents.send(Topics.FEATURES_READY, explained.toString(), json.writeValueAsString(
                FeaturesReady.of(explained, "audio", FeatureSet.AUDIO.select(SampleVectors.validSpotify()), Map.of(), null)));
        KafkaEvents.send(Topics.FEATURES_READY, unreadable, "{\"this is\": \"not an event\"");
        KafkaEvents.send(Topics.FEATURES_READY, invalid.toString(),
                json.writeValueAsString(FeaturesReady.of(invalid, "audio", badTempo, Map.of(), null)));
        KafkaEvents.send(Topics.FEATURES_READY, unexplained.toString(), json.writeValueAsString(new FeaturesReady(
                noExplanation.schemaVersion(), noExplanation.eventId(), unexplained, noExplanation.occurredAt(), "spotify",
                noExplanation.features(), Map.of(), null, false)));

        assertThat(verdictOf(explained).get("featureSet").asText()).isEqualTo("audio");
        assertThat(verdictOf(unexplained).get("featureSet").asText()).isEqualTo("spotify");
        assertThat(KafkaEvents.await(Topics.JOBS_FAILED, invalid.toString(), 1, WAIT)).hasSize(1);
        assertThat(KafkaEvents.await(Topics.deadLetterOf(Topics.FEATURES_READY), unreadable, 1, WAIT)).hasSize(1);
        assertThat(KafkaEvents.await(Topics.EXPLANATIONS, explained.toString(), 1, WAIT)).hasSize(1);
        // Skipping costs nothing, so a skipped record's explanation would have come long before this.
        assertThat(KafkaEvents.await(Topics.EXPLANATIONS, unexplained.toString(), 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(KafkaEvents.await(Topics.EXPLANATIONS, invalid.toString(), 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aMeasuredAudioVectorIsScoredByTheAudioModels() throws Exception {
        UUID jobId = UUID.randomUUID();
        Map<String, Double> measured = FeatureSet.AUDIO.select(SampleVectors.validSpotify());

        KafkaEvents.send(Topics.FEATURES_READY, jobId.toString(),
                json.writeValueAsString(FeaturesReady.of(jobId, "audio", measured, Map.of("key_confidence", 0.8), null)));

        JsonNode verdict = verdictOf(jobId);
        assertThat(verdict.get("featureSet").asText()).isEqualTo("audio");
        assertThat(verdict.get("verdict").get("votes")).hasSize(5);
        assertThat(verdict.get("verdict").get("explanation")).isEmpty();
        assertThat(KafkaEvents.await(Topics.EXPLANATIONS, jobId.toString(), 1, WAIT).get(0).get("explanation")).hasSize(5);
    }

    @Test
    void anInvalidVectorFailsTheJobNamingTheFeature() throws Exception {
        UUID jobId = UUID.randomUUID();
        Map<String, Double> invalid = FeatureSet.AUDIO.select(SampleVectors.validSpotify());
        invalid.put("tempo", 900.0);

        KafkaEvents.send(Topics.FEATURES_READY, jobId.toString(),
                json.writeValueAsString(FeaturesReady.of(jobId, "audio", invalid, Map.of(), null)));

        JsonNode failed = KafkaEvents.await(Topics.JOBS_FAILED, jobId.toString(), 1, WAIT).get(0);
        assertThat(failed.get("problemType").asText()).isEqualTo(ProblemType.INVALID_FEATURES.uri());
        assertThat(failed.get("stage").asText()).isEqualTo("inference-service");
        assertThat(failed.get("reason").asText()).contains("tempo");
        assertThat(KafkaEvents.await(Topics.VERDICTS, jobId.toString(), 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicWithItsKey() throws Exception {
        String key = UUID.randomUUID().toString();

        KafkaEvents.send(Topics.FEATURES_READY, key, "{\"this is\": \"not an event\"");

        List<JsonNode> dead = KafkaEvents.await(Topics.deadLetterOf(Topics.FEATURES_READY), key, 1, WAIT);
        assertThat(dead).hasSize(1);
    }

    @Test
    void operationsEndpointsAnswer() throws Exception {
        UUID jobId = UUID.randomUUID();
        KafkaEvents.send(Topics.FEATURES_READY, jobId.toString(), json.writeValueAsString(
                FeaturesReady.of(jobId, "audio", Map.of("tempo", 120.0), Map.of(), null)));
        assertThat(KafkaEvents.await(Topics.JOBS_FAILED, jobId.toString(), 1, WAIT)).hasSize(1);

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("hitorflop_stage_duration_seconds_bucket{"))
                .body(containsString("stage=\"inference\""));
        given().get("/q/openapi").then().statusCode(200);
    }

    /** The job's verdict; when there is none, the failure the service published instead explains why. */
    private static JsonNode verdictOf(UUID jobId) {
        List<JsonNode> verdicts = KafkaEvents.await(Topics.VERDICTS, jobId.toString(), 1, WAIT);
        assertThat(verdicts).as("verdict of %s; failures published: %s", jobId,
                KafkaEvents.await(Topics.JOBS_FAILED, jobId.toString(), 1, Duration.ofMillis(500))).hasSize(1);
        return verdicts.get(0);
    }
}

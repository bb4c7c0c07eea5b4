package io.hitorflop.feature.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.audiostore.AudioNotFoundException;
import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.audiostore.LocalAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** AudioReady in, FeaturesReady or JobFailed out, on the real broker with the real engine and ffmpeg. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@Tag("integration")
class AudioReadyConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AudioStore store;

    @Inject
    ObjectMapper json;

    @TempDir
    Path work;

    @Test
    void storedAudioIsMeasuredPublishedAndDeleted() throws Exception {
        Path flac = clickTrack(work.resolve("clicks.flac"));
        UUID jobId = UUID.randomUUID();
        String ref = store.put(jobId, flac);
        AudioReady ready = AudioReady.of(jobId, ref, 8_000);

        KafkaEvents.send(Topics.AUDIO_READY, jobId.toString(), json.writeValueAsString(ready));

        JsonNode features = KafkaEvents.await(Topics.FEATURES_READY, jobId.toString(), 1, WAIT).get(0);
        assertThat(features.get("featureSet").asText()).isEqualTo("audio");
        assertThat(FeatureSet.AUDIO.validate(values(features.get("features")))).isEmpty();
        assertThat(features.get("features").get("duration_ms").asDouble()).isBetween(7_900.0, 8_100.0);
        assertThat(features.get("descriptors").size()).isPositive();
        assertThat(features.get("dna").get("melSpectrogram").asText()).isNotEmpty();
        assertThat(features.has("explain")).as("not asked: left out, which means explained").isFalse();
        await("audio deleted").atMost(Duration.ofSeconds(10)).until(() -> deleted(ref));

        // a redelivery of the same record finds the audio gone and publishes nothing
        KafkaEvents.send(Topics.AUDIO_READY, jobId.toString(), json.writeValueAsString(ready));
        await("the redelivery was seen").atMost(WAIT)
                .until(() -> given().get("/q/metrics").asString().contains("outcome=\"redelivery\""));
        assertThat(KafkaEvents.await(Topics.FEATURES_READY, jobId.toString(), 2, Duration.ofSeconds(3))).hasSize(1);
        assertThat(KafkaEvents.await(Topics.JOBS_FAILED, jobId.toString(), 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aJobThatAskedForNoExplanationPassesThatOnToInference() throws Exception {
        UUID jobId = UUID.randomUUID();
        String ref = store.put(jobId, clickTrack(work.resolve("clicks.flac")));
        AudioReady noExplanation = new AudioReady(AudioReady.SCHEMA_VERSION, UUID.randomUUID(), jobId,
                java.time.Instant.now(), ref, 8_000, false);

        KafkaEvents.send(Topics.AUDIO_READY, jobId.toString(), json.writeValueAsString(noExplanation));

        JsonNode features = KafkaEvents.await(Topics.FEATURES_READY, jobId.toString(), 1, WAIT).get(0);
        assertThat(features.get("explain").asBoolean(true)).isFalse();
    }

    @Test
    void audioTheEngineRejectsFailsTheJobWithItsProblemTypeAndIsDeleted() throws Exception {
        Path notAudio = Files.writeString(work.resolve("fake.flac"), "these bytes are not FLAC");
        UUID jobId = UUID.randomUUID();
        String ref = store.put(jobId, notAudio);

        KafkaEvents.send(Topics.AUDIO_READY, jobId.toString(),
                json.writeValueAsString(AudioReady.of(jobId, ref, 8_000)));

        JsonNode failed = KafkaEvents.await(Topics.JOBS_FAILED, jobId.toString(), 1, WAIT).get(0);
        assertThat(failed.get("problemType").asText()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO.uri());
        assertThat(failed.get("stage").asText()).isEqualTo("feature-service");
        assertThat(failed.get("reason").asText()).isNotBlank();
        await("audio deleted").atMost(Duration.ofSeconds(10)).until(() -> deleted(ref));
    }

    @Test
    void audioWithoutMusicalContentFailsTheJobAsNotMusicAndIsDeleted() throws Exception {
        Path silence = generate(work.resolve("silence.flac"), "anullsrc=r=44100:cl=stereo:d=5");
        UUID jobId = UUID.randomUUID();
        String ref = store.put(jobId, silence);

        KafkaEvents.send(Topics.AUDIO_READY, jobId.toString(),
                json.writeValueAsString(AudioReady.of(jobId, ref, 5_000)));

        JsonNode failed = KafkaEvents.await(Topics.JOBS_FAILED, jobId.toString(), 1, WAIT).get(0);
        assertThat(failed.get("problemType").asText()).isEqualTo(ProblemType.NOT_MUSIC.uri());
        assertThat(failed.get("reason").asText()).startsWith("silence: integrated loudness -70.0 LUFS");
        assertThat(KafkaEvents.await(Topics.FEATURES_READY, jobId.toString(), 1, Duration.ofSeconds(1))).isEmpty();
        await("audio deleted").atMost(Duration.ofSeconds(10)).until(() -> deleted(ref));
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicWithItsKey() throws Exception {
        String key = UUID.randomUUID().toString();

        KafkaEvents.send(Topics.AUDIO_READY, key, "{\"audioRef\": ");

        assertThat(KafkaEvents.await(Topics.deadLetterOf(Topics.AUDIO_READY), key, 1, WAIT)).hasSize(1);
    }

    private boolean deleted(String ref) {
        try (LocalAudio stillThere = store.open(ref)) {
            return false;
        } catch (AudioNotFoundException gone) {
            return true;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Map<String, Double> values(JsonNode features) {
        Map<String, Double> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            values.put(field.getKey(), field.getValue().asDouble());
        }
        return values;
    }

    /** Eight seconds of 20 ms 1 kHz clicks every half second (120 BPM), stereo FLAC. */
    private static Path clickTrack(Path file) throws Exception {
        return generate(file, "aevalsrc='if(lt(mod(t,0.5),0.02),sin(2*PI*1000*t),0)|if(lt(mod(t,0.5),0.02),sin(2*PI*1000*t),0)'"
                + ":s=44100:d=8");
    }

    private static Path generate(Path file, String lavfiSource) throws Exception {
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                lavfiSource, file.toString())).redirectErrorStream(true).start();
        String log = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor()).as(log).isZero();
        return file;
    }
}

package io.hitorflop.ingest.submission.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.features.SampleVectors;
import io.hitorflop.ingest.audio.TestAudio;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The ingest API against a real Kafka broker and real ffmpeg. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class JobsResourceTest {

    private static final Path STORE = Path.of("target/audio-store");
    private static final Path WORK = Path.of("target/ingest-work");
    private static final String PROBLEM = "application/problem+json";

    @AfterEach
    void noTemporaryFileIsLeft() throws IOException {
        if (!Files.isDirectory(WORK)) {
            return;
        }
        try (Stream<Path> files = Files.walk(WORK)) {
            assertThat(files.filter(Files::isRegularFile)).as("files left in the work directory").isEmpty();
        }
    }

    @Test
    void anUploadIsTranscodedStoredAndAnnounced() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("ingest-it").resolve("My Song.wav"), 3, 44_100, 2);

        Response response = given().multiPart("file", wav.toFile(), "audio/wav")
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("QUEUED"))
                .body("source", equalTo("AUDIO_UPLOAD"))
                .body("featureSet", equalTo("audio"))
                .body("sourceName", equalTo("My Song.wav"))
                .extract().response();
        String jobId = response.path("id");
        assertThat(response.header("Location")).isEqualTo("/v1/jobs/" + jobId);

        JsonNode accepted = KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId, Duration.ofSeconds(20)).orElseThrow();
        assertThat(accepted.get("source").asText()).isEqualTo("AUDIO_UPLOAD");
        assertThat(accepted.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode ready = KafkaEvents.find(Topics.AUDIO_READY, jobId, Duration.ofSeconds(20)).orElseThrow();
        assertThat(ready.get("durationMs").asLong()).isBetween(2_990L, 3_010L);
        Path stored = STORE.resolve(ready.get("audioRef").asText());
        assertThat(stored).exists().hasFileName(jobId + ".flac");
        assertThat(probe(stored)).contains("codec_name=flac", "channels=2", "sample_rate=44100");
    }

    @Test
    void anMp3UploadIsStoredAsItsOwnAudioStreamWithoutCoverArt() throws Exception {
        Path dir = Files.createTempDirectory("ingest-it");
        Path plain = TestAudio.encodedSine(dir.resolve("plain.mp3"), 3, "-c:a", "libmp3lame");
        Path mp3 = TestAudio.withTitleAndCoverArt(plain, dir.resolve("Bought.mp3"));

        String jobId = given().multiPart("file", mp3.toFile(), "audio/mpeg")
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .extract().path("id");

        JsonNode ready = KafkaEvents.find(Topics.AUDIO_READY, jobId, Duration.ofSeconds(20)).orElseThrow();
        assertThat(ready.get("audioRef").asText()).isEqualTo(jobId + ".mp3");
        Path stored = STORE.resolve(ready.get("audioRef").asText());
        assertThat(TestAudio.decodedSamplesMd5(stored)).isEqualTo(TestAudio.decodedSamplesMd5(mp3));
        assertThat(probe(stored)).contains("codec_name=mp3", "channels=2", "sample_rate=44100")
                .doesNotContain("codec_name=png");
    }

    @Test
    void aFeatureVectorIsAnnouncedAsFeaturesReady() {
        String jobId = given().contentType(ContentType.JSON).body(Map.of("features", validVector()))
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .body("source", equalTo("FEATURE_VECTOR"))
                .body("featureSet", equalTo("spotify"))
                .extract().path("id");

        JsonNode features = KafkaEvents.find(Topics.FEATURES_READY, jobId, Duration.ofSeconds(20)).orElseThrow();
        assertThat(features.get("featureSet").asText()).isEqualTo("spotify");
        assertThat(features.get("features").get("danceability").asDouble()).isEqualTo(0.7);
        assertThat(features.get("features").size()).isEqualTo(13);
        assertThat(KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId, Duration.ofSeconds(20))).isPresent();
    }

    @Test
    void invalidFeaturesAre422NamingEachField() {
        Map<String, Object> vector = new HashMap<>(validVector());
        vector.remove("energy");
        vector.put("danceability", 1.5);
        vector.put("popularity", 80);

        given().contentType(ContentType.JSON).body(Map.of("features", vector))
                .when().post("/v1/jobs")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/invalid-features"))
                .body("status", equalTo(422))
                .body("instance", equalTo("/v1/jobs"))
                .body("errors.field", hasItems("danceability", "energy", "popularity"))
                .body("errors.find { it.field == 'danceability' }.problem", containsString("between 0 and 1"));
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"features\": {\"energy\": ")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/malformed-json"))
                .body("detail", containsString("malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"features\": {\"energy\": \"loud\"}}")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("features.energy"));
    }

    @Test
    void anotherContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("energy=0.8")
                .when().post("/v1/jobs")
                .then().statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/unsupported-media-type"));
    }

    @Test
    void undecodableAudioIs422WithFfprobesReasonAndNothingIsStored() throws Exception {
        Path text = Files.writeString(Files.createTempDirectory("ingest-it").resolve("notes.bin"), "not audio");
        long storedBefore = storedFiles();

        given().multiPart("file", text.toFile(), "application/octet-stream")
                .when().post("/v1/jobs")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/unsupported-audio"))
                .body("detail", equalTo("ffprobe: Invalid data found when processing input"));
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    @Test
    void audioLongerThanTheLimitIs422AudioTooLong() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("ingest-it").resolve("long.wav"), 21, 8_000, 1);

        given().multiPart("file", wav.toFile(), "audio/wav")
                .when().post("/v1/jobs")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/audio-too-long"))
                .body("detail", equalTo("the audio lasts 21.0 s; the limit is 20.0 s"));
    }

    @Test
    void anUploadLargerThanTheBodyLimitIs413() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("ingest-it").resolve("big.wav"), 15, 48_000, 2);

        given().multiPart("file", wav.toFile(), "audio/wav")
                .when().post("/v1/jobs")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/payload-too-large"));
    }

    @Test
    void unknownRoutesAre404Problems() {
        given().when().get("/v1/nothing-here")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("https://hitorflop.io/problems/not-found"));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().contentType(ContentType.JSON).body(Map.of("features", validVector())).post("/v1/jobs")
                .then().statusCode(202);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hitorflop_stage_duration_seconds_bucket{"))
                .body(containsString("stage=\"ingest\""));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/jobs"));
    }

    private static Map<String, Object> validVector() {
        return new HashMap<>(SampleVectors.validSpotify());
    }

    private static long storedFiles() throws IOException {
        if (!Files.isDirectory(STORE)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(STORE)) {
            return files.count();
        }
    }

    private static String probe(Path file) throws Exception {
        Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,channels,sample_rate", "-of", "default=noprint_wrappers=1", file.toString()).start();
        String out = new String(ffprobe.getInputStream().readAllBytes());
        ffprobe.waitFor();
        return out;
    }
}

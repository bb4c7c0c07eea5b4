package io.hitorflop.ingest.submission.api;

import io.hitorflop.contract.Topics;
import io.hitorflop.ingest.ByteExactRequests;
import io.hitorflop.ingest.audio.TestAudio;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/** Submissions beyond the limits, with unclean text, or malformed: each a specific 4xx problem, checked before any work. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class SubmissionInputTest {

    private static final String PROBLEMS = "https://hitorflop.io/problems/";
    private static final String JSON_HEAD = "POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

    @Test
    void aJsonBodyDeclaredOverTheLimitIs413BeforeItIsRead() throws Exception {
        // declares 1 MiB (under the 2 MiB upload limit of the tests), sends 1 KiB: the answer cannot wait for the rest
        ByteExactRequests.Answer answer = ByteExactRequests.send(JSON_HEAD + "Content-Length: 1048576\r\n",
                "{\"features\": {".concat(" ".repeat(1024)).getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text()).contains(PROBLEMS + "payload-too-large", "at most 65536 bytes");
    }

    @Test
    void aChunkedJsonBodyIs413AsSoonAsItPassesTheLimit() throws Exception {
        // 80 KiB in chunks and no last chunk: only counting as it arrives can answer
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.writeBytes(ByteExactRequests.chunk("{\"features\": {\"x\": \"".getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < 10; i++) {
            chunks.writeBytes(ByteExactRequests.chunk("a".repeat(8192).getBytes(StandardCharsets.US_ASCII)));
        }

        ByteExactRequests.Answer answer = ByteExactRequests.send(JSON_HEAD + "Transfer-Encoding: chunked\r\n", chunks.toByteArray());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text()).contains(PROBLEMS + "payload-too-large");
    }

    @Test
    void moreFeatureEntriesThanTheLimitAre422NamingFeatures() {
        Map<String, Object> features = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            features.put("unknown" + i, 1);
        }
        postJson(Map.of("features", features)).statusCode(422)
                .body("type", equalTo(PROBLEMS + "field-too-long"))
                .body("errors[0].field", equalTo("features"))
                .body("errors[0].problem", equalTo("has 1000 entries; the limit is 32"));
    }

    @Test
    void unknownFeatureNamesAreListedAtMostTwentyWithTheirCount() {
        Map<String, Object> features = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            features.put("unknown" + i, 1);
        }
        postJson(Map.of("features", features)).statusCode(422)
                .body("type", equalTo(PROBLEMS + "invalid-features"))
                .body("errors.size()", equalTo(20))
                .body("errorCount", equalTo(43));
    }

    @Test
    void urlsOverTheLimitAre422FieldTooLongNamingTheField() {
        String megabyte = "https://example.com/" + "a".repeat(1024 * 1024);
        long started = System.nanoTime();
        postJson(Map.of("url", megabyte.substring(0, 2049))).statusCode(422)
                .body("type", equalTo(PROBLEMS + "field-too-long"))
                .body("errors[0].field", equalTo("url"));
        postJson(Map.of("url", "https://example.com/song.mp3", "webhook", Map.of("url", megabyte.substring(0, 30_000))))
                .statusCode(422)
                .body("errors[0].field", equalTo("webhook.url"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void urlsWithControlBidiOrInvalidCharactersAre422InvalidText() {
        for (String body : new String[] {
                "{\"url\": \"https://example.com/a\\r\\nX-Evil: 1\"}",
                "{\"url\": \"https://example.com/\\u0000.mp3\"}",
                "{\"url\": \"https://example.com/\\u202egnp.mp3\"}",
                "{\"url\": \"https://example.com/\\ud800.mp3\"}",
                "{\"url\": \"https://example.com/a.mp3\", \"webhook\": {\"url\": \"https://me.example/\\u2066\"}}"}) {
            postJson(body).statusCode(422)
                    .body("type", equalTo(PROBLEMS + "invalid-text"))
                    .body("errors[0].field", containsString("url"));
        }
    }

    @Test
    void jsonThatIsNotExactlyASubmissionIs400MalformedJson() {
        String url = "{\"url\": \"https://example.com/a.mp3\"}";
        Map<String, String> cases = Map.of(
                url + " {\"url\": \"https://example.com/b.mp3\"}", "Trailing token",
                "{\"url\": \"https://example.com/a.mp3\", \"url\": \"https://example.com/b.mp3\"}", "Duplicate field 'url'",
                "{\"features\": {\"energy\": \"0.8\"}}", "features.energy",
                "{\"features\": {\"energy\": true}}", "features.energy",
                "{\"url\": 12345}", "'url'",
                "{\"features\": {\"energy\": 1" + "0".repeat(100) + "}}", "Number value length",
                "{\"url\": \"https://example.com/a.mp3\", \"extra\": " + "[".repeat(20) + "]".repeat(20) + "}",
                "nesting depth");
        cases.forEach((body, detail) -> postJson(body).statusCode(400)
                .body("type", equalTo(PROBLEMS + "malformed-json"))
                .body("detail", containsString(detail)));
    }

    @Test
    void anUploadNameOfAMegabyteIs422AtOnceAndNeverReachesKafka() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("ingest-it").resolve("song.wav"), 2, 8_000, 1);

        given().multiPart("file", "n".repeat(1024 * 1024) + ".wav", Files.readAllBytes(wav), "audio/wav")
                .when().post("/v1/jobs")
                .then().statusCode(422)
                .time(lessThan(5_000L))
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "field-too-long"))
                .body("errors[0].field", equalTo("file"));
    }

    /**
     * NUL, CR/LF, a right-to-left override and invalid UTF-8 (a lone surrogate's encoding) in the
     * part's file name: raw bytes in {@code filename="…"} (CR/LF cannot be sent that way: they end
     * the header line), and percent-encoded in RFC 5987's {@code filename*=UTF-8''…}, which the
     * multipart parser decodes.
     */
    @Test
    void anUnsafeFileNameIsAcceptedAndPublishedClean() throws Exception {
        byte[] audio = Files.readAllBytes(TestAudio.sine(Files.createTempDirectory("ingest-it").resolve("song.wav"), 2, 8_000, 1));
        byte[] raw = concat("filename=\"my\u0000song".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                "\u202Eevil\u202C %0D%0A<b>.wav\"".getBytes(StandardCharsets.UTF_8));
        byte[] encoded = "filename*=UTF-8''my%00song%ED%A0%80%E2%80%AEevil%E2%80%AC%0D%0A%20<b>.wav"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(publishedSourceName(raw, audio)).isEqualTo("mysong\uFFFDevil %0D%0A<b>.wav");
        assertThat(publishedSourceName(encoded, audio)).startsWith("mysong").endsWith("evil <b>.wav")
                .doesNotContain("\u0000", "\r", "\n", "\u202E", "\u202C");
    }

    private static String publishedSourceName(byte[] fileNameParameter, byte[] audio) {
        byte[] form = concat("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; ".getBytes(StandardCharsets.US_ASCII),
                fileNameParameter, "\r\nContent-Type: audio/wav\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                audio, "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII));

        String jobId = given().contentType("multipart/form-data; boundary=XyZ").body(form)
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .extract().path("id");

        String sourceName = KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId, Duration.ofSeconds(20)).orElseThrow()
                .get("sourceName").asText();
        assertThat(sourceName.chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
        return sourceName;
    }

    @Test
    void malformedMultipartBodiesAre400InvalidMultipart() {
        given().contentType("multipart/form-data; boundary=XyZ").body(new byte[0])
                .when().post("/v1/jobs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-multipart"));
        byte[] json = "{\"url\": \"https://example.com/a.mp3\"}".getBytes(StandardCharsets.US_ASCII);
        given().contentType("multipart/form-data").body(json)
                .when().post("/v1/jobs").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-multipart"));
        given().contentType("multipart/form-data; boundary=XyZ").body(json)
                .when().post("/v1/jobs").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-multipart"));
        given().multiPart("song", "x")
                .when().post("/v1/jobs").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-multipart"))
                .body("detail", containsString("'file'"));
    }

    @Test
    void anEmptyOrBlankIdempotencyKeyIs400() throws Exception {
        byte[] body = "{\"url\": \"https://example.com/a.mp3\"}".getBytes(StandardCharsets.US_ASCII);
        for (String header : new String[] {"Idempotency-Key:\r\n", "Idempotency-Key:   \r\n", "Idempotency-Key: \"\"\r\n",
                "Idempotency-Key: a\r\nIdempotency-Key: b\r\n"}) {
            ByteExactRequests.Answer answer = ByteExactRequests.send(JSON_HEAD + header + "Content-Length: " + body.length + "\r\n", body);

            assertThat(answer.status()).as(header).isEqualTo(400);
            assertThat(answer.text()).as(header).contains(PROBLEMS + "invalid-idempotency-key");
        }
    }

    private static ValidatableResponse postJson(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/v1/jobs").then()
                .contentType("application/problem+json");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(all::writeBytes);
        return all.toByteArray();
    }
}

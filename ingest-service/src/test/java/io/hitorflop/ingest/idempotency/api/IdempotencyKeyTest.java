package io.hitorflop.ingest.idempotency.api;

import io.hitorflop.ingest.audio.TestAudio;
import io.hitorflop.ingest.idempotency.persistence.IdempotencyRecord;
import io.hitorflop.ingest.idempotency.persistence.IdempotencyStore;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Idempotency-Key on POST /v1/jobs against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class IdempotencyKeyTest {

    private static final String VECTOR = """
            {"features": {"danceability": 0.7, "energy": 0.8, "key": 5, "loudness": -6.5, "mode": 1,
             "speechiness": 0.05, "acousticness": 0.1, "instrumentalness": 0.0, "liveness": 0.12,
             "valence": 0.6, "tempo": 120.0, "duration_ms": 210000, "time_signature": 4}}""";

    @Inject
    IdempotencyStore store;

    @Test
    void theSameKeyAndPayloadGiveTheOriginalJobAgain() {
        String key = UUID.randomUUID().toString();
        Response first = post(key, VECTOR).then().statusCode(202).extract().response();
        Response again = post("\"" + key + "\"", VECTOR).then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .extract().response();

        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(again.<String>path("createdAt")).isEqualTo(first.path("createdAt"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void theSameKeyWithAnotherPayloadIs422() {
        String key = UUID.randomUUID().toString();
        post(key, VECTOR).then().statusCode(202);
        post(key, VECTOR.replace("0.7", "0.71")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://hitorflop.io/problems/idempotency-key-reused"));
    }

    @Test
    void aKeyWhoseFirstRequestIsStillRunningIs409() {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(store.claim("", key, PayloadFingerprint.ofBody(VECTOR.getBytes(StandardCharsets.UTF_8)), now,
                now.plus(Duration.ofHours(24)))).isTrue();

        post(key, VECTOR).then().statusCode(409)
                .header("Retry-After", "1")
                .body("type", equalTo("https://hitorflop.io/problems/conflict"));
    }

    @Test
    void aFirstRequestAbandonedLongAgoFreesTheKey() {
        String key = UUID.randomUUID().toString();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        store.claim("", key, PayloadFingerprint.ofBody(VECTOR.getBytes(StandardCharsets.UTF_8)), longAgo,
                longAgo.plus(Duration.ofHours(24)));

        post(key, VECTOR).then().statusCode(202);
        assertThat(store.find("", key)).hasValueSatisfying(record ->
                assertThat(record.state).isEqualTo(IdempotencyRecord.COMPLETED));
    }

    @Test
    void anExpiredKeyIsANewRequestAndThePurgeRemovesExpiredKeys() {
        String key = UUID.randomUUID().toString();
        Instant dayAgo = Instant.now().minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.MICROS);
        store.claim("", key, "0".repeat(64), dayAgo, dayAgo.plus(Duration.ofHours(24)));

        post(key, VECTOR.replace("0.7", "0.72")).then().statusCode(202).header("Idempotent-Replayed", (String) null);

        String stale = UUID.randomUUID().toString();
        store.claim("", stale, "0".repeat(64), dayAgo, dayAgo.plus(Duration.ofHours(24)));
        assertThat(store.purgeExpired(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(store.find("", stale)).isEmpty();
        assertThat(store.find("", key)).isPresent();
    }

    @Test
    void aRefusedRequestLeavesTheKeyFree() {
        String key = UUID.randomUUID().toString();
        post(key, "{\"features\": {\"energy\": 2}}").then().statusCode(422);
        assertThat(store.find("", key)).isEmpty();
        post(key, VECTOR).then().statusCode(202);
    }

    @Test
    void uploadsAreComparedByTheirBytesAndFormParameters() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("idem").resolve("a.wav"), 1.5, 22_050, 1);
        String key = UUID.randomUUID().toString();

        String id = given().header("Idempotency-Key", key).multiPart("file", wav.toFile(), "audio/wav")
                .when().post("/v1/jobs").then().statusCode(202).extract().path("id");
        given().header("Idempotency-Key", key).multiPart("file", wav.toFile(), "audio/wav")
                .when().post("/v1/jobs").then().statusCode(202).body("id", equalTo(id));
        given().header("Idempotency-Key", key).multiPart("file", wav.toFile(), "audio/wav")
                .multiPart("webhook_url", "http://127.0.0.1:9/hook")
                .when().post("/v1/jobs").then().statusCode(422)
                .body("type", equalTo("https://hitorflop.io/problems/idempotency-key-reused"));
    }

    @Test
    void aMalformedKeyIs400() {
        post("x".repeat(256), VECTOR).then().statusCode(400)
                .body("type", equalTo("https://hitorflop.io/problems/invalid-idempotency-key"));
        post("\"\"", VECTOR).then().statusCode(400)
                .body("type", equalTo("https://hitorflop.io/problems/invalid-idempotency-key"));
    }

    private static Response post(String key, String body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).when().post("/v1/jobs");
    }
}

package io.hitorflop.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitorflop.contract.Topics;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.security.apikeys.ApiKeys;
import io.hitorflop.service.testing.PathSpellings;
import io.hitorflop.service.testing.RawHttp;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Access control switched on: every request except health needs a configured key, whatever the
 * path's spelling, and the key's id becomes the job's owner.
 */
@QuarkusTest
@TestProfile(ApiKeysTest.KeysEnabled.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class ApiKeysTest {

    public static class KeysEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hitorflop.security.api-keys.enabled", "true",
                    "hitorflop.security.api-keys.keys", ApiKeys.entryFor("alice", "alice-secret-0123456789") + ","
                            + ApiKeys.entryFor("bob", "bob-secret-0123456789"));
        }
    }

    private static final String LINK = "{\"url\": \"http://127.0.0.1:9/song.mp3\"}";

    @Test
    void withoutAKnownKeyV1Is401() {
        for (Map<String, String> headers : new Map[] {Map.of(), Map.of("X-API-Key", "guess"),
                Map.of("Authorization", "Bearer guess"), Map.of("X-API-Key", "alice")}) {
            given().headers(headers).contentType(ContentType.JSON).body(Map.of("features", Map.of()))
                    .when().post("/v1/jobs")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://hitorflop.io/problems/unauthorized"));
        }
    }

    @Test
    void theKeysIdBecomesTheOwnerOfTheJob() {
        String jobId = given().header("X-API-Key", "alice-secret-0123456789").contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/song.mp3"))
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .extract().path("id");
        JsonNode accepted = KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId, Duration.ofSeconds(20)).orElseThrow();
        assertThat(accepted.get("owner").asText()).isEqualTo("alice");

        String bobsJob = given().header("Authorization", "Bearer bob-secret-0123456789").contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/other.mp3"))
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .extract().path("id");
        assertThat(KafkaEvents.find(Topics.JOBS_ACCEPTED, bobsJob, Duration.ofSeconds(20)).orElseThrow()
                .get("owner").asText()).isEqualTo("bob");
    }

    @Test
    void idempotencyKeysAreScopedPerApiKey() {
        String key = java.util.UUID.randomUUID().toString();
        String alices = given().header("X-API-Key", "alice-secret-0123456789").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/a.mp3"))
                .when().post("/v1/jobs").then().statusCode(202).extract().path("id");
        String bobs = given().header("X-API-Key", "bob-secret-0123456789").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/b.mp3"))
                .when().post("/v1/jobs").then().statusCode(202).extract().path("id");
        assertThat(bobs).isNotEqualTo(alices);
    }

    @Test
    void healthNeedsNoKeyButOtherOperationsEndpointsDo() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("X-API-Key", "alice-secret-0123456789").when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void noSpellingOfAPathSubmitsAJobOrServesAnythingWithoutAKey() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String target : PathSpellings.JOB_LIST) {
            RawHttp.Response answer = RawHttp.send(RestAssured.port, "POST", target, Map.of(), LINK);
            soft.assertThat(answer.status()).as("POST %s", target).isIn(400, 401, 404);
            soft.assertThat(answer.isProblem()).as("POST %s is a problem: %s", target, answer.headers()).isTrue();
            soft.assertThat(answer.header("Location")).as("POST %s", target).isNull();
        }
        for (String target : PathSpellings.OPERATIONS) {
            RawHttp.Response answer = RawHttp.send(RestAssured.port, "GET", target, Map.of(), null);
            if (PathSpellings.PUBLIC.contains(target)) {
                soft.assertThat(answer.status()).as("GET %s", target).isIn(200, 503);
            } else {
                soft.assertThat(answer.status()).as("GET %s", target).isIn(400, 401, 404);
                soft.assertThat(answer.isProblem()).as("GET %s is a problem: %s", target, answer.headers()).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void withAKeyOnlyPlainSpellingsSubmitAndTheJobIsTheKeys() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String target : PathSpellings.JOB_LIST) {
            RawHttp.Response answer = RawHttp.send(RestAssured.port, "POST", target,
                    Map.of("X-API-Key", "alice-secret-0123456789"), LINK);
            if (answer.status() != 202) {
                soft.assertThat(answer.status()).as("POST %s", target).isIn(400, 404);
                continue;
            }
            soft.assertThat(target).as("accepted spelling").isIn("/v1/jobs", "/%76%31/jobs", "/v1/jobs/");
            String jobId = answer.header("Location").substring("/v1/jobs/".length());
            soft.assertThat(KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId, Duration.ofSeconds(20)).orElseThrow()
                    .get("owner").asText()).as("owner of the job POST %s made", target).isEqualTo("alice");
        }
        soft.assertAll();
    }
}

package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
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
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * API keys enabled: every request except health needs a known key, whatever the path's spelling,
 * and a job is visible only to the key that submitted it.
 */
@QuarkusTest
@TestProfile(AccessControlTest.ApiKeysEnabled.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class AccessControlTest {

    private static final String ALICE_KEY = "alice-test-key-5f0c2b9e8d7a4c31";
    private static final String BOB_KEY = "bob-test-key-91e4d6a0c3b27f58";

    /** The service configured with two keys, stored only as their SHA-256. */
    public static class ApiKeysEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hitorflop.security.api-keys.enabled", "true",
                    "hitorflop.security.api-keys.keys",
                    ApiKeys.entryFor("alice", ALICE_KEY) + "," + ApiKeys.entryFor("bob", BOB_KEY));
        }
    }

    @Inject
    ObjectMapper json;

    @Test
    void withoutAKnownKeyEveryV1RouteIsUnauthorized() {
        UUID anyId = UUID.randomUUID();
        for (String path : new String[] {"/v1/jobs", "/v1/jobs/" + anyId, "/v1/jobs/" + anyId + "/deliveries",
                "/v1/nothing-here"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer").body("type", is(ProblemType.UNAUTHORIZED.uri()));
            given().header(ApiKeys.HEADER, "not-a-key").get(path).then().statusCode(401);
            given().header("Authorization", "Bearer " + ALICE_KEY + "x").get(path).then().statusCode(401);
        }
    }

    @Test
    void operationsEndpointsNeedNoKey() {
        // Ready once the consumers have read what was waiting in the topics at start (ConsumerCatchUp).
        await().atMost(PipelineEvents.PATIENCE)
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void aJobIsVisibleOnlyToTheKeyThatSubmittedIt() {
        UUID alicesJob = UUID.randomUUID();
        UUID bobsJob = UUID.randomUUID();
        UUID ownerlessJob = UUID.randomUUID();
        try (PipelineEvents events = new PipelineEvents(json)) {
            events.publish(Topics.JOBS_ACCEPTED, accepted(alicesJob, "alice"));
            events.publish(Topics.JOBS_ACCEPTED, accepted(bobsJob, "bob"));
            events.publish(Topics.JOBS_ACCEPTED, accepted(ownerlessJob, null));
        }
        awaitVisible(ALICE_KEY, alicesJob);
        awaitVisible(BOB_KEY, bobsJob);

        given().header("Authorization", "Bearer " + ALICE_KEY).get("/v1/jobs/{id}", alicesJob).then().statusCode(200)
                .body("id", is(alicesJob.toString()));
        as(ALICE_KEY).get("/v1/jobs/{id}/deliveries", alicesJob).then().statusCode(200);
        for (UUID notHers : new UUID[] {bobsJob, ownerlessJob}) {
            as(ALICE_KEY).get("/v1/jobs/{id}", notHers).then().statusCode(404)
                    .body("type", is(ProblemType.JOB_NOT_FOUND.uri()));
            as(ALICE_KEY).get("/v1/jobs/{id}/deliveries", notHers).then().statusCode(404);
        }
        as(BOB_KEY).get("/v1/jobs/{id}", alicesJob).then().statusCode(404);

        assertThat(as(ALICE_KEY).get("/v1/jobs?size=100").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)).contains(alicesJob.toString())
                .doesNotContain(bobsJob.toString(), ownerlessJob.toString());
        assertThat(as(BOB_KEY).get("/v1/jobs?size=100").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)).contains(bobsJob.toString())
                .doesNotContain(alicesJob.toString(), ownerlessJob.toString());
    }

    @Test
    void noSpellingOfAPathReachesAJobWithoutAKey() throws Exception {
        UUID alicesJob = publishedJob("alice", ALICE_KEY);
        SoftAssertions soft = new SoftAssertions();
        for (String target : spellings(alicesJob)) {
            RawHttp.Response answer = RawHttp.send(RestAssured.port, "GET", target, Map.of(), null);
            if (PathSpellings.PUBLIC.contains(target)) {
                soft.assertThat(answer.status()).as("GET %s", target).isIn(200, 503);
                continue;
            }
            soft.assertThat(answer.status()).as("GET %s", target).isIn(400, 401, 404);
            soft.assertThat(answer.isProblem()).as("GET %s is a problem: %s", target, answer.headers()).isTrue();
            soft.assertThat(answer.body()).as("GET %s", target).doesNotContain(alicesJob.toString());
        }
        soft.assertAll();
    }

    @Test
    void withAKeyNoSpellingOfAPathReachesAnotherKeysJob() throws Exception {
        UUID alicesJob = publishedJob("alice", ALICE_KEY);
        UUID bobsJob = publishedJob("bob", BOB_KEY);
        List<String> targets = new ArrayList<>(spellings(bobsJob));
        targets.addAll(PathSpellings.ofJob(alicesJob.toString()));
        SoftAssertions soft = new SoftAssertions();
        for (String target : targets) {
            RawHttp.Response answer = RawHttp.send(RestAssured.port, "GET", target, Map.of(ApiKeys.HEADER, ALICE_KEY),
                    null);
            soft.assertThat(answer.status()).as("GET %s", target).isLessThan(500);
            if (target.toLowerCase(Locale.ROOT).contains(bobsJob.toString())) {
                soft.assertThat(answer.status()).as("GET %s", target).isIn(400, 404);
            } else if (answer.status() == 200) {
                soft.assertThat(answer.body()).as("GET %s", target).doesNotContain(bobsJob.toString());
            }
        }
        soft.assertAll();
        assertThat(RawHttp.send(RestAssured.port, "GET", "/%76%31/jobs/" + alicesJob, Map.of(ApiKeys.HEADER, ALICE_KEY),
                null).status()).as("a harmless encoding of her own job's path still works").isEqualTo(200);
    }

    @Test
    void metricsCarryNoJobIdAndNoRefusedPath() throws Exception {
        UUID alicesJob = publishedJob("alice", ALICE_KEY);
        as(ALICE_KEY).get("/v1/jobs/{id}/deliveries", alicesJob).then().statusCode(200);
        as(BOB_KEY).get("/v1/jobs/{id}", alicesJob).then().statusCode(404);
        given().get("/v1/jobs/{id}", alicesJob).then().statusCode(401);
        RawHttp.send(RestAssured.port, "GET", "/%2e/v1/jobs/" + alicesJob, Map.of(), null);
        RawHttp.send(RestAssured.port, "GET", "/v1/unknown-" + alicesJob, Map.of(ApiKeys.HEADER, ALICE_KEY), null);

        String metrics = as(ALICE_KEY).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("uri=\"/v1/jobs/{id}\"", "uri=\"/v1/jobs/{id}/deliveries\"")
                .doesNotContain(alicesJob.toString(), "%2e");
        given().get("/q/metrics").then().statusCode(401);
    }

    /** Every spelling of the job list (with a large page), of {@code jobId}'s paths, and of the operations endpoints. */
    private static List<String> spellings(UUID jobId) {
        List<String> targets = new ArrayList<>();
        PathSpellings.JOB_LIST.forEach(path -> targets.add(path + "?size=100"));
        targets.addAll(PathSpellings.ofJob(jobId.toString()));
        targets.addAll(PathSpellings.OPERATIONS);
        return targets;
    }

    private UUID publishedJob(String owner, String key) {
        UUID jobId = UUID.randomUUID();
        try (PipelineEvents events = new PipelineEvents(json)) {
            events.publish(Topics.JOBS_ACCEPTED, accepted(jobId, owner));
        }
        awaitVisible(key, jobId);
        return jobId;
    }

    private static RequestSpecification as(String key) {
        return given().header(ApiKeys.HEADER, key);
    }

    private static JobAccepted accepted(UUID jobId, String owner) {
        return new JobAccepted(1, UUID.randomUUID(), jobId, Instant.now(), JobSource.FEATURE_VECTOR, "spotify", null,
                owner, null);
    }

    /** Polls with a fresh request each time: a RestAssured specification keeps the path parameters of its last call. */
    private static void awaitVisible(String key, UUID jobId) {
        await().atMost(PipelineEvents.PATIENCE).alias("job " + jobId + " visible to its owner")
                .until(() -> as(key).get("/v1/jobs/{id}", jobId).statusCode() == 200);
    }
}

package io.hitorflop.results.it;

import io.hitorflop.security.apikeys.ApiKeys;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * Polls the results API until a job's JSON satisfies a condition; when it never does, the
 * assertion error shows the last JSON seen, so a failure says where the job stopped.
 */
final class ResultsApi {

    private ResultsApi() {
    }

    static JsonPath awaitJob(UUID jobId, Predicate<JsonPath> condition) {
        return awaitJson(RestAssured::given, "/v1/jobs/{id}", jobId, condition);
    }

    /** The job as the holder of {@code apiKey} sees it. */
    static JsonPath awaitJob(String apiKey, UUID jobId, Predicate<JsonPath> condition) {
        return awaitJson(() -> given().header(ApiKeys.HEADER, apiKey), "/v1/jobs/{id}", jobId, condition);
    }

    static JsonPath awaitDeliveries(UUID jobId, Predicate<JsonPath> condition) {
        return awaitJson(RestAssured::given, "/v1/jobs/{id}/deliveries", jobId, condition);
    }

    /** {@code request} makes a new request each poll: a specification keeps the path parameters it was sent with. */
    private static JsonPath awaitJson(Supplier<RequestSpecification> request, String path, UUID jobId,
                                      Predicate<JsonPath> condition) {
        AtomicReference<JsonPath> lastSeen = new AtomicReference<>();
        try {
            return Awaitility.await().atMost(PipelineEvents.PATIENCE).until(() -> {
                Response response = request.get().get(path, jobId);
                lastSeen.set(response.statusCode() == 200 ? response.jsonPath() : null);
                return lastSeen.get();
            }, found -> found != null && condition.test(found));
        } catch (ConditionTimeoutException timedOut) {
            throw new AssertionError(path.replace("{id}", jobId.toString()) + " did not reach the expected state within "
                    + PipelineEvents.PATIENCE + "; last seen: "
                    + (lastSeen.get() == null ? "nothing" : lastSeen.get().prettify()), timedOut);
        }
    }
}

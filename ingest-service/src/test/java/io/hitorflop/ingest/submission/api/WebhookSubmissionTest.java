package io.hitorflop.ingest.submission.api;

import io.hitorflop.ingest.audio.TestAudio;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Webhook URLs are checked by the egress guard when a job is submitted, in every submission form. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class WebhookSubmissionTest {

    @Test
    void aForbiddenWebhookPartOfAnUploadIs422AndNothingIsQueued() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("webhook").resolve("a.wav"), 1.5, 22_050, 1);
        for (String hook : new String[] {"http://169.254.169.254/hook", "http://[::ffff:10.0.0.1]/hook",
                "http://0x0a000001/hook", "gopher://example.com/"}) {
            given().multiPart("file", wav.toFile(), "audio/wav").multiPart("webhook_url", hook)
                    .when().post("/v1/jobs")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://hitorflop.io/problems/forbidden-url"))
                    .body("detail", containsString("webhook.url"));
        }
    }

    @Test
    void aForbiddenWebhookOfAFeatureVectorIs422() {
        given().contentType(ContentType.JSON)
                .body(Map.of("features", Map.of("energy", 0.5), "webhook", Map.of("url", "http://192.168.1.1/hook")))
                .when().post("/v1/jobs")
                .then().statusCode(422)
                .body("type", equalTo("https://hitorflop.io/problems/forbidden-url"));
    }

    @Test
    void anAllowedWebhookIsAccepted() throws Exception {
        Path wav = TestAudio.sine(Files.createTempDirectory("webhook").resolve("b.wav"), 1.5, 22_050, 1);
        given().multiPart("file", wav.toFile(), "audio/wav").multiPart("webhook_url", "http://127.0.0.1:9/hook")
                .when().post("/v1/jobs")
                .then().statusCode(202);
    }
}

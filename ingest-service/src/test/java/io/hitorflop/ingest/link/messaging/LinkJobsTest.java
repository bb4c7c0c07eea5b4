package io.hitorflop.ingest.link.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitorflop.contract.Topics;
import io.hitorflop.ingest.Canary;
import io.hitorflop.ingest.RemoteSite;
import io.hitorflop.ingest.audio.TestAudio;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Link jobs end to end: submitted over HTTP, fetched asynchronously from a real local HTTP server
 * (directly or through yt-dlp's generic extractor), transcoded by ffmpeg and announced on the real
 * broker - or failed with the specific problem type.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class LinkJobsTest {

    private static final Path STORE = Path.of("target/audio-store");
    private static final Path WORK = Path.of("target/ingest-work");
    private static final Duration OUTCOME = Duration.ofSeconds(60);
    private static RemoteSite site;
    private static Canary canary;

    @BeforeAll
    static void startSite() throws Exception {
        Path dir = Files.createTempDirectory("remote-site");
        Path song = TestAudio.sine(dir.resolve("song.wav"), 3, 22_050, 1);
        Path longSong = TestAudio.sine(dir.resolve("long.wav"), 25, 8_000, 1);
        canary = new Canary();
        site = new RemoteSite()
                .file("/song.wav", "audio/wav", song)
                .file("/long.wav", "audio/wav", longSong)
                .pageWithAudio("/page.html", "/song.wav")
                .pageWithAudio("/page-forbidden-media.html", "/forbidden")
                .text("/nomedia.html", 200, "text/html", "<html><head><title>t</title></head><body><p>words</p></body></html>")
                .text("/forbidden", 403, "text/plain", "go away")
                .text("/gone", 404, "text/plain", "no")
                .text("/notes.txt", 200, "text/plain", "these are not audio")
                .text("/huge.bin", 200, "application/octet-stream", "x".repeat(3_500_000))
                .redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-loopback-decimal", "http://2130706434/")
                .redirect("/to-song", "/song.wav")
                .pageStallingYtDlp("/stalling.html", 60_000)
                .pageRedirectingYtDlp("/cloaked.html", canary.url("/latest/meta-data/"));
    }

    @AfterAll
    static void stopSite() throws IOException {
        site.close();
        canary.close();
    }

    @Test
    void aDirectAudioLinkIsQueuedAtOnceThenFetchedTranscodedAndAnnounced() throws Exception {
        String jobId = submit(Map.of("url", site.url("/to-song"), "webhook", Map.of("url", site.url("/hook"))));

        JsonNode accepted = KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId, OUTCOME).orElseThrow();
        assertThat(accepted.get("source").asText()).isEqualTo("AUDIO_URL");
        assertThat(accepted.get("sourceName").asText()).isEqualTo(site.url("/to-song"));
        assertThat(accepted.get("webhookUrl").asText()).isEqualTo(site.url("/hook"));
        assertThat(accepted.get("owner").isNull()).isTrue();
        JsonNode ready = KafkaEvents.find(Topics.AUDIO_READY, jobId, OUTCOME).orElseThrow();
        assertThat(ready.get("durationMs").asLong()).isBetween(2_990L, 3_010L);
        assertThat(STORE.resolve(ready.get("audioRef").asText())).exists().hasFileName(jobId + ".flac");
        assertNoTemporaryFileIsLeft();
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("hitorflop_stage_duration_seconds_count\\{[^}]*outcome=\"accepted\"[^}]*source=\"audio_url\"");
    }

    @Test
    void aWebPageGoesThroughYtDlpsGenericExtractor() throws Exception {
        String jobId = submit(Map.of("url", site.url("/page.html")));

        JsonNode ready = KafkaEvents.find(Topics.AUDIO_READY, jobId, OUTCOME).orElseThrow();
        assertThat(ready.get("durationMs").asLong()).isBetween(2_990L, 3_010L);
        assertThat(STORE.resolve(ready.get("audioRef").asText())).exists();
        assertNoTemporaryFileIsLeft();
    }

    @Test
    void refusalsEndTheJobFailedWithTheSpecificProblemType() throws Exception {
        Map<String, String> expected = Map.of(
                "/forbidden", "source-forbidden",
                "/page-forbidden-media.html", "source-forbidden",
                "/nomedia.html", "no-audio",
                "/notes.txt", "unsupported-audio",
                "/long.wav", "audio-too-long",
                "/huge.bin", "payload-too-large",
                "/gone", "download-failed",
                "/to-metadata", "forbidden-url",
                "/to-loopback-decimal", "forbidden-url");
        Map<String, String> jobs = new java.util.HashMap<>();
        for (String path : expected.keySet()) {
            jobs.put(path, submit(Map.of("url", site.url(path))));
        }
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            JsonNode failed = KafkaEvents.find(Topics.JOBS_FAILED, job.getValue(), OUTCOME).orElseThrow(
                    () -> new AssertionError("no JobFailed for " + job.getKey()));
            assertThat(failed.get("problemType").asText()).as(job.getKey())
                    .isEqualTo("https://hitorflop.io/problems/" + expected.get(job.getKey()));
            assertThat(failed.get("stage").asText()).isEqualTo("ingest-service");
            assertThat(KafkaEvents.find(Topics.AUDIO_READY, job.getValue(), Duration.ofMillis(300))).isEmpty();
        }
        assertNoTemporaryFileIsLeft();
    }

    @Test
    void aPageRedirectingOnlyYtDlpInwardIsRefusedByTheProxyBeforeAnyConnection() throws Exception {
        String jobId = submit(Map.of("url", site.url("/cloaked.html")));

        JsonNode failed = KafkaEvents.find(Topics.JOBS_FAILED, jobId, OUTCOME).orElseThrow();
        assertThat(failed.get("problemType").asText()).isEqualTo("https://hitorflop.io/problems/forbidden-url");
        assertThat(failed.get("reason").asText()).contains("yt-dlp").contains("127.0.0.2, a loopback address");
        assertThat(canary.connectionsSoFar()).as("connections that reached the canary").isZero();
    }

    @Test
    void aYtDlpRunOverItsTimeLimitIsKilledAndTheJobFails() {
        String jobId = submit(Map.of("url", site.url("/stalling.html")));

        JsonNode failed = KafkaEvents.find(Topics.JOBS_FAILED, jobId, OUTCOME).orElseThrow();
        assertThat(failed.get("problemType").asText()).isEqualTo("https://hitorflop.io/problems/download-failed");
        assertThat(failed.get("reason").asText()).contains("yt-dlp did not finish within 15 s");
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains("/stalling.html")))
                .as("yt-dlp processes still running").isEmpty();
    }

    @Test
    void forbiddenLinksAndWebhooksAreRefusedAtSubmission() {
        for (String url : new String[] {"http://10.0.0.1/song.mp3", "http://169.254.169.254/latest/meta-data/",
                "http://127.0.0.2/", "http://2130706434/", "http://0x7f000002/", "http://017700000002/",
                "http://[::1]/", "http://[::ffff:127.0.0.2]/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://100.64.0.1/", "http://224.0.0.1/", "http://0.0.0.0/", "ftp://127.0.0.1/song.mp3",
                "file:///etc/passwd"}) {
            given().contentType(ContentType.JSON).body(Map.of("url", url))
                    .when().post("/v1/jobs")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://hitorflop.io/problems/forbidden-url"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("url", site.url("/song.wav"), "webhook", Map.of("url", "http://169.254.169.254/hook")))
                .when().post("/v1/jobs")
                .then().statusCode(422)
                .body("type", equalTo("https://hitorflop.io/problems/forbidden-url"))
                .body("detail", org.hamcrest.Matchers.containsString("webhook.url"));
    }

    @Test
    void aBodyWithBothOrNeitherOfUrlAndFeaturesIs400() {
        given().contentType(ContentType.JSON).body(Map.of("webhook", Map.of("url", site.url("/hook"))))
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .body("type", equalTo("https://hitorflop.io/problems/bad-request"));
        given().contentType(ContentType.JSON).body(Map.of("url", site.url("/song.wav"), "features", Map.of()))
                .when().post("/v1/jobs")
                .then().statusCode(400);
    }

    @Test
    void theHealthEndpointReportsTheYtDlpVersion() throws Exception {
        Process version = new ProcessBuilder("yt-dlp", "--version").start();
        String installed = new String(version.getInputStream().readAllBytes()).strip();
        assertThat(version.waitFor()).isZero();

        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'yt-dlp' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'yt-dlp' }.data.version", equalTo(installed));
    }

    private static String submit(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"))
                .body("source", equalTo("AUDIO_URL"))
                .extract().path("id");
    }

    private static void assertNoTemporaryFileIsLeft() throws IOException {
        try (Stream<Path> files = Files.walk(WORK)) {
            assertThat(files.filter(Files::isRegularFile)).as("files left in the work directory").isEmpty();
        }
    }
}

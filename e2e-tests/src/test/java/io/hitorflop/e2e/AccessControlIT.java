package io.hitorflop.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.e2e.harness.PipelineClient;
import io.hitorflop.service.testing.PathSpellings;
import io.hitorflop.service.testing.RawHttp;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenants kept apart, through the public router of the packaged stack with API keys on: no
 * spelling of a path reaches a job, creates one or reads an operations endpoint without a key,
 * and with key A no spelling reaches key B's job (whether the router refuses a spelling itself or
 * forwards it and the service refuses it, the answer must be a 4xx without data); and uploads
 * named to poison the pipeline (NUL, invalid UTF-8, a megabyte) by key A do not hold up key B's
 * next job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class AccessControlIT {

    private static final String ALICE_KEY = "alice-e2e-key-7c1f0a9d3b5e2468";
    private static final String BOB_KEY = "bob-e2e-key-e94d2b6f0a1c3857";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LauncherStack stack;
    private String alicesJob;
    private String bobsJob;

    @BeforeAll
    void up() throws Exception {
        Path e2eHome = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath();
        stack = LauncherStack.up(Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize(),
                e2eHome.resolveSibling("e2e-access"), Map.of(
                        "HITORFLOP_SECURITY_API_KEYS_ENABLED", "true",
                        "HITORFLOP_SECURITY_API_KEYS_KEYS", entry("alice", ALICE_KEY) + "," + entry("bob", BOB_KEY)));
        alicesJob = submit(ALICE_KEY, 0.31);
        bobsJob = submit(BOB_KEY, 0.62);
        awaitVisible(ALICE_KEY, alicesJob);
        awaitVisible(BOB_KEY, bobsJob);
    }

    @AfterAll
    void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void withoutAKeyNoSpellingCreatesListsOrReadsAJob() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String target : PathSpellings.JOB_LIST) {
            RawHttp.Response answer = send("POST", target, Map.of(), vector(0.5));
            soft.assertThat(answer.status()).as("POST %s", target).isBetween(400, 499);
            soft.assertThat(answer.header("Location")).as("POST %s", target).isNull();
        }
        for (String target : targets(alicesJob)) {
            RawHttp.Response answer = send("GET", target, Map.of(), null);
            if (isPublic(target)) {
                soft.assertThat(answer.status()).as("GET %s", target).isLessThan(500);
                continue;
            }
            soft.assertThat(answer.status()).as("GET %s", target).isBetween(400, 499);
            soft.assertThat(revealsAJob(answer.body(), target)).as("GET %s shows a job: %s", target, answer.body())
                    .isFalse();
        }
        soft.assertAll();
        assertThat(listedIds(ALICE_KEY)).as("alice's jobs: nothing was created without a key").containsExactly(alicesJob);
        assertThat(listedIds(BOB_KEY)).as("bob's jobs").containsExactly(bobsJob);
    }

    @Test
    void withKeyANoSpellingReachesKeyBsJob() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String target : targets(bobsJob)) {
            RawHttp.Response answer = send("GET", target, Map.of("X-API-Key", ALICE_KEY), null);
            soft.assertThat(answer.status()).as("GET %s", target).isLessThan(500);
            if (target.toLowerCase(Locale.ROOT).contains(bobsJob)) {
                soft.assertThat(answer.status()).as("GET %s", target).isBetween(400, 499);
            } else if (answer.status() / 100 == 2) {
                soft.assertThat(answer.body()).as("GET %s", target).doesNotContain(bobsJob);
            }
        }
        soft.assertAll();
        assertThat(send("GET", "/v1/jobs/" + bobsJob, Map.of("X-API-Key", ALICE_KEY), null).status()).isEqualTo(404);
        assertThat(send("GET", "/v1/jobs/" + alicesJob, Map.of("X-API-Key", ALICE_KEY), null).status()).isEqualTo(200);
    }

    @Test
    void onEachServicesOwnPortOnlyHealthIsServedWithoutAKey() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String service : List.of("ingest", "results", "feature", "inference")) {
            int port = stack.serviceUri(service).getPort();
            List<String> targets = new ArrayList<>(PathSpellings.OPERATIONS);
            targets.addAll(PathSpellings.JOB_LIST);
            for (String target : targets) {
                RawHttp.Response answer = RawHttp.send(port, "GET", target, Map.of(), null);
                if (PathSpellings.PUBLIC.contains(target)) {
                    soft.assertThat(answer.status()).as("%s GET %s", service, target).isEqualTo(200);
                    continue;
                }
                soft.assertThat(answer.status()).as("%s GET %s", service, target).isIn(400, 401, 404);
                soft.assertThat(answer.isProblem()).as("%s GET %s is a problem", service, target).isTrue();
                soft.assertThat(revealsAJob(answer.body(), target)).as("%s GET %s", service, target).isFalse();
                soft.assertThat(answer.body()).as("%s GET %s", service, target)
                        .doesNotContain("http_server_requests").doesNotContain("\"openapi\"");
            }
        }
        soft.assertAll();
    }

    @Test
    void poisonNamesFromOneKeyDoNotHoldUpAnotherKeysJob(@TempDir Path dir) throws Exception {
        byte[] song = Files.readAllBytes(TestSong.generate(dir.resolve("song.flac")).file());
        byte[] loneSurrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        HttpResponse<String> nul = upload(ALICE_KEY, concat(ascii("a"), new byte[]{0}, ascii("b.flac")), song);
        HttpResponse<String> surrogate = upload(ALICE_KEY, concat(ascii("x"), loneSurrogate, ascii(".flac")), song);
        HttpResponse<String> huge = upload(ALICE_KEY, ascii("n".repeat(1024 * 1024) + ".flac"), song);
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(202);
        assertThat(surrogate.statusCode()).as(surrogate.body()).isEqualTo(202);
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(422);
        assertThat(JSON.readTree(huge.body()).path("type").asText()).endsWith("/field-too-long");

        long submitted = System.nanoTime();
        String bobsNext = submit(BOB_KEY, 0.77);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                statusOf(BOB_KEY, bobsNext).equals("DONE"));
        Duration bobsWait = Duration.ofNanos(System.nanoTime() - submitted);

        for (HttpResponse<String> accepted : List.of(nul, surrogate)) {
            String id = JSON.readTree(accepted.body()).path("id").asText();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Set.of("DONE", "FAILED").contains(statusOf(ALICE_KEY, id)));
            RawHttp.Response job = send("GET", "/v1/jobs/" + id, Map.of("X-API-Key", ALICE_KEY), null);
            assertThat(JSON.readTree(job.body()).path("status").asText()).as(job.body()).isEqualTo("DONE");
            assertThat(job.body()).doesNotContain("\\u0000").doesNotContain("\\uD800").doesNotContain("\\ud800");
            assertThat(send("GET", "/v1/jobs/" + id, Map.of("X-API-Key", BOB_KEY), null).status()).isEqualTo(404);
        }
        assertThat(bobsWait).as("bob's vector job, submitted right after alice's poison uploads")
                .isLessThan(Duration.ofSeconds(30));
    }

    private String statusOf(String key, String jobId) throws Exception {
        RawHttp.Response job = send("GET", "/v1/jobs/" + jobId, Map.of("X-API-Key", key), null);
        return job.status() == 200 ? JSON.readTree(job.body()).path("status").asText() : "UNKNOWN";
    }

    /** A multipart upload whose file name is the raw bytes given (as a client that does not encode it would send). */
    private HttpResponse<String> upload(String key, byte[] fileName, byte[] audio) throws Exception {
        String boundary = "poison-" + UUID.randomUUID();
        byte[] body = concat(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""),
                fileName, ascii("\"\r\nContent-Type: audio/flac\r\n\r\n"), audio, ascii("\r\n--" + boundary + "--\r\n"));
        HttpRequest request = HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("X-API-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofMinutes(2))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A health path, directly or through the router's {@code /q/<service>} prefix. */
    private static boolean isPublic(String target) {
        return PathSpellings.PUBLIC.contains(target.replaceFirst("^/q/(results|ingest)/", "/q/"));
    }

    /**
     * Whether an answer shows a job: a job's or a page's fields, or the id of a job the request did
     * not name (a 404 problem may repeat the path it was asked for).
     */
    private boolean revealsAJob(String body, String target) {
        String named = target.toLowerCase(Locale.ROOT);
        return body.contains("\"transitions\"") || body.contains("\"items\"")
                || Stream.of(alicesJob, bobsJob).anyMatch(id -> body.contains(id) && !named.contains(id));
    }

    /** Every spelling of the job list (a large page), of {@code jobId}'s paths, and of the operations endpoints. */
    private static List<String> targets(String jobId) {
        List<String> targets = new ArrayList<>();
        PathSpellings.JOB_LIST.forEach(path -> targets.add(path + "?size=100"));
        targets.addAll(PathSpellings.ofJob(jobId));
        targets.addAll(PathSpellings.OPERATIONS);
        for (String service : List.of("results", "ingest")) {
            PathSpellings.OPERATIONS.forEach(path -> targets.add("/q/" + service + path.substring(2)));
        }
        return targets;
    }

    private String submit(String key, double danceability) throws Exception {
        RawHttp.Response accepted = send("POST", "/v1/jobs", Map.of("X-API-Key", key), vector(danceability));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("id").asText();
    }

    private void awaitVisible(String key, String jobId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                send("GET", "/v1/jobs/" + jobId, Map.of("X-API-Key", key), null).status() == 200);
    }

    private List<String> listedIds(String key) throws Exception {
        RawHttp.Response page = send("GET", "/v1/jobs?size=100", Map.of("X-API-Key", key), null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(page.body()).path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private RawHttp.Response send(String method, String target, Map<String, String> headers, String json)
            throws Exception {
        return RawHttp.send(stack.baseUri().getPort(), method, target, headers, json);
    }

    private static String vector(double danceability) {
        return PipelineClient.SPOTIFY_VECTOR.formatted(Double.toString(danceability));
    }

    /** The services' configuration entry for a key: its id and the SHA-256 of the key. */
    private static String entry(String id, String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return id + ":" + HexFormat.of().formatHex(digest);
    }
}

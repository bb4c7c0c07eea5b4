package io.hitorflop.launcher.analyze;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze} against a stand-in of the API (a JDK HTTP server) that speaks the documented
 * event stream: {@code retry:}, numbered {@code transition} events, the final {@code job} event,
 * a 404 {@code job-not-found} before results-service has read the job, and a stream that breaks
 * off in the middle of an event and must be resumed with {@code Last-Event-ID}.
 */
class JobFollowerTest {

    private static final String JOB_ID = "6f1c2a3e-0b9f-4c43-9d3b-2f1d7c8e9a10";
    private static final String KEY = "key-for-the-follower-test";
    private static final String DONE_JOB = """
            {"id":"%s","status":"DONE","featureSet":"spotify","features":{},
             "transitions":[{"status":"QUEUED","at":"2026-12-05T03:00:00Z"},{"status":"FEATURES_READY","at":"2026-12-05T03:00:01.5Z"},
                            {"status":"DONE","at":"2026-12-05T03:00:02Z"}],
             "verdict":{"label":"HIT","hitVotes":4,"probability":0.8,"votes":[]}}""".formatted(JOB_ID).replace("\n", "");
    /** The same job whose verdict's explanation follows it. */
    private static final String PENDING_JOB =
            DONE_JOB.replace("\"votes\":[]}", "\"votes\":[],\"explanation\":[],\"explanationPending\":true}");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private HttpServer api;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        api.setExecutor(Executors.newCachedThreadPool());
        api.createContext("/v1/jobs", exchange -> {
            try (exchange) {
                apiKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-API-Key")));
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", "/v1/jobs/" + JOB_ID);
                send(exchange, 202, "application/json",
                        "{\"id\":\"" + JOB_ID + "\",\"status\":\"QUEUED\",\"createdAt\":\"2026-12-05T03:00:00Z\"}");
            }
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void followsTheStreamThroughAnUnknownJobAndABreakPrintingEachTransitionOnce() throws Exception {
        api.createContext("/v1/jobs/" + JOB_ID + "/events", exchange -> {
            try (exchange) {
                apiKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-API-Key")));
                lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
                switch (streamsOpened.incrementAndGet()) {
                    case 1 -> send(exchange, 404, "application/problem+json",
                            "{\"type\":\"https://hitorflop.io/problems/job-not-found\",\"status\":404}");
                    // recorded before QUEUED (another topic): printed after it, in time order
                    case 2 -> stream(exchange, "retry: 20\n\n"
                            + transition(1, "FEATURES_READY", "2026-12-05T03:00:01.5Z")
                            + transition(2, "QUEUED", "2026-12-05T03:00:00Z")
                            // the connection ends inside event 3: it was never whole, so it is sent again
                            + "id: 3\nevent: transition\ndata: {\"status\":\"DO");
                    default -> stream(exchange, "retry: 20\n\n"
                            + transition(3, "DONE", "2026-12-05T03:00:02Z")
                            + "id: 3\nevent: job\ndata: " + DONE_JOB + "\n\n");
                }
            }
        });

        int exit = follower().analyze(new JobFollower.VectorFile(vectorFile()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(lastEventIds).containsExactly("null", "null", "2");
        assertThat(apiKeys).containsOnly(KEY).hasSize(4);
        assertThat(printed).containsSubsequence("+   0.0 s  QUEUED", "+   1.5 s  FEATURES_READY", "+   2.0 s  DONE",
                "Verdict: HIT", "On the dashboard: " + api() + "/jobs/" + JOB_ID);
        assertThat(printed.split("DONE\n", -1)).as("DONE printed once").hasSize(2);
    }

    @Test
    void aVerdictWhoseExplanationFollowsIsPrintedWithTheReasonsOfTheExplanationEvent() throws Exception {
        streamPendingVerdictThenExplanation("{\"explanationBaseline\":0.41,\"explanation\":[{\"feature\":\"tempo\","
                + "\"value\":120.0,\"baseline\":118.0,\"contribution\":0.39}]}");

        int exit = follower().analyze(new JobFollower.VectorFile(vectorFile()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(printed).containsSubsequence("DONE", "computing the reasons", "Verdict: HIT",
                "What moved P(HIT) from the typical song's 0.410", "tempo", "+0.390");
    }

    @Test
    void anExplanationThatCannotBeComputedEndsTheWaitWithWhy() throws Exception {
        streamPendingVerdictThenExplanation("{\"explanation\":[],\"explanationUnavailable\":{\"type\":"
                + "\"https://hitorflop.io/problems/explanation-unavailable\",\"title\":\"The verdict's reasons could "
                + "not be computed\",\"detail\":\"explaining ran out of memory\"}}");

        int exit = follower().analyze(new JobFollower.VectorFile(vectorFile()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(printed).containsSubsequence("computing the reasons", "Verdict: HIT",
                "What moved P(HIT): not available, the reasons could not be computed (explaining ran out of memory).")
                .doesNotContain("still being computed");
    }

    @Test
    void aStreamThatEndsBeforeTheExplanationLeavesTheVerdictWithAPointerToTheReasons() throws Exception {
        api.createContext("/v1/jobs/" + JOB_ID + "/events", exchange -> {
            try (exchange) {
                stream(exchange, transition(1, "QUEUED", "2026-12-05T03:00:00Z") + "id: 1\nevent: job\ndata: " + PENDING_JOB + "\n\n");
            }
        });

        int exit = follower().analyze(new JobFollower.VectorFile(vectorFile()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(printed).contains("Verdict: HIT").contains("still being computed");
    }

    @Test
    void pollsWhenTheApiHasNoEventStream() throws Exception {
        api.createContext("/v1/jobs/" + JOB_ID + "/events", exchange -> {
            try (exchange) {
                send(exchange, 405, "application/problem+json", "{\"status\":405}");
            }
        });
        api.createContext("/v1/jobs/" + JOB_ID, exchange -> {
            try (exchange) {
                send(exchange, 200, "application/json", DONE_JOB);
            }
        });

        int exit = follower().analyze(new JobFollower.VectorFile(vectorFile()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("event stream is not available (HTTP 405); polling instead");
        assertThat(printed).containsSubsequence("QUEUED", "FEATURES_READY", "DONE", "Verdict: HIT", "/jobs/" + JOB_ID);
    }

    @Test
    void aRefusedKeyIsAnApiErrorNotAPollingLoop() throws Exception {
        api.createContext("/v1/jobs/" + JOB_ID + "/events", exchange -> {
            try (exchange) {
                send(exchange, 401, "application/problem+json", "{\"type\":\"https://hitorflop.io/problems/unauthorized\"}");
            }
        });

        int exit = follower().analyze(new JobFollower.VectorFile(vectorFile()));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 401");
    }

    private JobFollower follower() {
        return new JobFollower(api(), Optional.of(KEY), Duration.ofSeconds(30),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    private static Path vectorFile() throws IOException {
        Path file = Files.createTempFile("vector", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, "{\"features\":{}}");
        return file;
    }

    /** The job's stream: QUEUED, DONE, the job with its explanation pending, then an {@code explanation} event. */
    private void streamPendingVerdictThenExplanation(String explanationData) {
        api.createContext("/v1/jobs/" + JOB_ID + "/events", exchange -> {
            try (exchange) {
                stream(exchange, transition(1, "QUEUED", "2026-12-05T03:00:00Z")
                        + transition(2, "DONE", "2026-12-05T03:00:02Z")
                        + "id: 2\nevent: job\ndata: " + PENDING_JOB + "\n\n"
                        + "event: explanation\ndata: " + explanationData + "\n\n");
            }
        });
    }

    private static String transition(int id, String status, String at) {
        return "id: " + id + "\nevent: transition\ndata: {\"status\":\"" + status + "\",\"at\":\"" + at + "\"}\n\n";
    }

    private static void stream(HttpExchange exchange, String events) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        body.write(events.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

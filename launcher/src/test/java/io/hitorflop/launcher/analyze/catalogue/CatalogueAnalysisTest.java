package io.hitorflop.launcher.analyze.catalogue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze catalogue.csv} against a stand-in of the batch API (a JDK HTTP server answering
 * as ingest's {@code POST /v1/batches} and results-service's {@code GET /v1/batches/{id}} and
 * {@code /results} are specified to), on a clock that moves only when the client sleeps.
 */
class CatalogueAnalysisTest {

    private static final String BATCH_ID = "0b6c7e5a-3f1d-4f55-8d8e-6a1b2c3d4e5f";
    private static final String KEY = "key-for-the-catalogue-test";
    private static final String ACCEPTED = """
            {"id":"%s","rows":10,"accepted":8,"rejected":2,
             "links":{"self":"/v1/batches/%s","results":"/v1/batches/%s/results"}}"""
            .formatted(BATCH_ID, BATCH_ID, BATCH_ID);
    /**
     * What results-service serves: one line per input row, in row order, the catalogue's own
     * columns echoed, CRLF line ends (RFC 4180).
     */
    private static final String RESULTS_CSV = String.join("\r\n",
            "line,id,title,jobId,status,label,probability,random_forest,xgboost,ada_boost,knn,decision_tree,problemType,detail",
            "2,t1,\"Song, with a comma\",j1,DONE,HIT,0.81,HIT,HIT,HIT,FLOP,HIT,,",
            "3,t2,\"Say \"\"hi\"\"\",j2,DONE,FLOP,0.22,FLOP,FLOP,FLOP,FLOP,HIT,,",
            "4,t3,Bad number,,REJECTED,,,,,,,,https://hitorflop.io/problems/invalid-features,tempo is not a number",
            "5,t4,Four,j4,DONE,HIT,0.66,HIT,HIT,FLOP,HIT,HIT,,",
            "6,t5,Five,j5,FAILED,,,,,,,,https://hitorflop.io/problems/download-failed,\"HTTP 404, no song\"",
            "7,t6,Six,j6,DONE,HIT,0.70,HIT,HIT,HIT,HIT,HIT,,",
            "8,t7,Missing column,,REJECTED,,,,,,,,https://hitorflop.io/problems/invalid-features,speechiness is missing",
            "9,t8,Eight,j8,DONE,FLOP,0.10,FLOP,FLOP,FLOP,FLOP,FLOP,,",
            "10,t9,Nine,j9,DONE,HIT,0.91,HIT,HIT,HIT,HIT,HIT,,",
            "11,t10,Ten,j10,DONE,FLOP,0.31,FLOP,FLOP,HIT,FLOP,FLOP,,",
            "");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T07:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> submitAnswers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Answer> statusAnswers = new ConcurrentLinkedQueue<>();
    private HttpServer api;
    private Runnable onSleep = () -> { };
    private volatile boolean resultsAlwaysCsv;
    private volatile String resultsCsv = RESULTS_CSV;

    private record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Answer(int status, String type, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }

        static Answer problem(int status, String title, String detail, Map<String, String> headers) {
            return new Answer(status, "application/problem+json",
                    "{\"type\":\"https://hitorflop.io/problems/x\",\"title\":\"" + title + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail + "\"}", headers);
        }
    }

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        api.setExecutor(Executors.newCachedThreadPool());
        api.createContext("/v1/batches", exchange -> {
            try (exchange) {
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                        Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
                requests.add(request);
                String path = exchange.getRequestURI().getPath();
                if (request.method().equals("POST") && path.equals("/v1/batches")) {
                    Answer answer = Optional.ofNullable(submitAnswers.poll()).orElse(Answer.json(202, ACCEPTED));
                    if (answer.status() == 202) {
                        exchange.getResponseHeaders().add("Location", "/v1/batches/" + BATCH_ID);
                    }
                    send(exchange, answer);
                } else if (path.equals("/v1/batches/" + BATCH_ID)) {
                    send(exchange, Optional.ofNullable(statusAnswers.poll()).orElse(status("COMPLETE", 8)));
                } else if (path.equals("/v1/batches/" + BATCH_ID + "/results")) {
                    boolean lines = !resultsAlwaysCsv && "application/x-ndjson".equals(request.header("Accept"));
                    send(exchange, new Answer(200, lines ? "application/x-ndjson" : "text/csv; charset=utf-8",
                            lines ? jsonLines() : resultsCsv, Map.of()));
                } else {
                    send(exchange, Answer.problem(404, "No such resource", path, Map.of()));
                }
            }
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void submitsFollowsAndWritesTheResultsFileAsServedWithASummary() throws Exception {
        Path catalogue = catalogue("catalogue.csv");
        statusAnswers.add(Answer.problem(404, "No such batch", "not read yet", Map.of()));
        statusAnswers.add(status("RUNNING", 0));
        statusAnswers.add(status("RUNNING", 5));

        int exit = analysis(false).analyze(new CatalogueFile(catalogue, CatalogueFormat.CSV), BatchOptions.DEFAULTS,
                new CatalogueFile(catalogue, CatalogueFormat.CSV).defaultResults(), true);

        String printed = printed();
        assertThat(exit).as(printed + errors()).isZero();
        Path results = directory.resolve("catalogue.results.csv");
        assertThat(Files.readString(results)).isEqualTo(RESULTS_CSV);
        assertThat(directory.resolve("catalogue.results.csv.part")).doesNotExist();

        Request submit = requests.get(0);
        assertThat(submit.uri().toString()).isEqualTo("/v1/batches");
        assertThat(submit.body()).isEqualTo(Files.readAllBytes(catalogue));
        assertThat(submit.header("Content-Type")).isEqualTo("text/csv");
        assertThat(submit.header("Idempotency-Key")).isEqualTo(CatalogueIdempotencyKey.of(catalogue, BatchOptions.DEFAULTS));
        assertThat(requests).extracting(request -> request.header("X-API-Key")).containsOnly(KEY);
        assertThat(requests).extracting(request -> request.method() + " " + request.uri()).containsExactly(
                "POST /v1/batches", "GET /v1/batches/" + BATCH_ID, "GET /v1/batches/" + BATCH_ID,
                "GET /v1/batches/" + BATCH_ID, "GET /v1/batches/" + BATCH_ID, "GET /v1/batches/" + BATCH_ID + "/results");
        assertThat(requests.get(requests.size() - 1).header("Accept")).isEqualTo("text/csv");

        assertThat(printed).containsSubsequence(
                "submitted catalogue.csv as batch " + BATCH_ID + ": 10 rows (8 accepted, 2 rejected)",
                "0 / 8 rows",
                "8 / 8 rows  100.0 %",
                "10 rows: 7 done (4 HIT, 3 FLOP), 1 failed, 2 rejected",
                "  rejected: line 4: invalid-features: tempo is not a number",
                "  rejected: line 8: invalid-features: speechiness is missing",
                "results: " + results);
        assertThat(printed).doesNotContain("\r").doesNotContain("more rejected");
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(200L, 300L, 450L);
        assertThat(errors()).isEmpty();
    }

    @Test
    void aBatchThatLostRowsSaysHowManyAndWhyAndCountsThemAmongTheRows() throws Exception {
        Path catalogue = catalogue("catalogue.csv");
        String detail = "2 of 10 rows never reached the results: ingest stopped while queueing this batch, or a row "
                + "could not be stored (hitorflop.batch-rows.dlq); the results list every row that did; submit the others again";
        statusAnswers.add(Answer.json(200, """
                {"id":"%s","status":"COMPLETE","rows":10,"accepted":8,"rejected":2,"counts":{"QUEUED":0,"DONE":5,"FAILED":1},
                 "done":6,"progress":1.0,"lost":2,"failure":{"type":"https://hitorflop.io/problems/rows-lost",
                 "title":"Rows of the batch were never queued","detail":"%s"},"createdAt":"2026-12-05T07:00:00Z",
                 "completedAt":"2026-12-05T07:10:00Z","links":{"self":"/v1/batches/%s","results":"/v1/batches/%s/results"}}"""
                .formatted(BATCH_ID, detail, BATCH_ID, BATCH_ID)));
        resultsCsv = RESULTS_CSV.lines().limit(9).map(line -> line + "\r\n").collect(Collectors.joining());

        int exit = analysis(false).analyze(new CatalogueFile(catalogue, CatalogueFormat.CSV), BatchOptions.DEFAULTS,
                new CatalogueFile(catalogue, CatalogueFormat.CSV).defaultResults(), true);

        String printed = printed();
        assertThat(exit).as(printed + errors()).isZero();
        assertThat(printed).containsSubsequence(
                "10 rows: 5 done (3 HIT, 2 FLOP), 1 failed, 2 rejected, 2 lost",
                "  lost: " + detail,
                "  rejected: line 4: invalid-features: tempo is not a number",
                "results: " + directory.resolve("catalogue.results.csv"));
        assertThat(errors()).as("8 rows in the file and 2 lost are the batch's 10").isEmpty();
    }

    @Test
    void aJsonLinesOutputIsAskedForAsJsonLinesAndExplainIsPassedOn() throws Exception {
        Path catalogue = catalogue("catalogue.jsonl");
        Path output = directory.resolve("scored.ndjson");
        BatchOptions options = new BatchOptions(Optional.of("spotify"), true, Optional.of("https://example.org/hook?a=1"));

        int exit = analysis(false).analyze(new CatalogueFile(catalogue, CatalogueFormat.JSON_LINES), options,
                new CatalogueFile(output, CatalogueFormat.JSON_LINES), true);

        assertThat(exit).as(printed() + errors()).isZero();
        assertThat(Files.readString(output)).isEqualTo(jsonLines());
        assertThat(requests.get(0).uri().toString())
                .isEqualTo("/v1/batches?featureSet=spotify&explain=true&webhookUrl=https%3A%2F%2Fexample.org%2Fhook%3Fa%3D1");
        assertThat(requests.get(0).header("Content-Type")).isEqualTo("application/x-ndjson");
        Request results = requests.get(requests.size() - 1);
        assertThat(results.uri().toString()).isEqualTo("/v1/batches/" + BATCH_ID + "/results?explain=true");
        assertThat(results.header("Accept")).isEqualTo("application/x-ndjson");
        assertThat(printed()).contains("10 rows: 7 done (4 HIT, 3 FLOP), 1 failed, 2 rejected",
                "rejected: line 4: invalid-features: tempo is not a number", "rejected: line 8: invalid-features: speechiness");
    }

    @Test
    void resultsNotInTheAskedFormatAreReportedWithExitCode2() throws Exception {
        resultsAlwaysCsv = true;
        Path output = directory.resolve("scored.jsonl");

        int exit = analysis(false).analyze(new CatalogueFile(catalogue("catalogue.csv"), CatalogueFormat.CSV),
                BatchOptions.DEFAULTS, new CatalogueFile(output, CatalogueFormat.JSON_LINES), true);

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).startsWith("analyze: the results file " + output + " is not application/x-ndjson as asked: ");
        assertThat(printed()).doesNotContain("results: ");
    }

    @Test
    void tooManyRunningBatchesIsAProblemWithItsRetryAfterAndExitCode2() throws Exception {
        submitAnswers.add(Answer.problem(429, "Too many running batches", "2 batches of this key are running",
                Map.of("Retry-After", "30")));

        int exit = analysis(false).analyze(new CatalogueFile(catalogue("catalogue.csv"), CatalogueFormat.CSV),
                BatchOptions.DEFAULTS, new CatalogueFile(directory.resolve("r.csv"), CatalogueFormat.CSV), true);

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).isEqualTo("analyze: the API refused the catalogue: HTTP 429 Too many running batches:"
                + " 2 batches of this key are running (try again in 30 s)\n");
        assertThat(requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aTooLargeOrInvalidCatalogueShowsTheProblemsTitleAndDetail() throws Exception {
        submitAnswers.add(Answer.problem(413, "Upload larger than the limit", "more than 100000 rows", Map.of()));
        submitAnswers.add(new Answer(401, "text/html", "<html>no</html>\nsecond line", Map.of()));

        CatalogueFile catalogue = new CatalogueFile(catalogue("catalogue.csv"), CatalogueFormat.CSV);
        int tooLarge = analysis(false).analyze(catalogue, BatchOptions.DEFAULTS, catalogue.defaultResults(), true);
        int notProblemJson = analysis(false).analyze(catalogue, BatchOptions.DEFAULTS, catalogue.defaultResults(), true);

        assertThat(tooLarge).isEqualTo(2);
        assertThat(notProblemJson).isEqualTo(2);
        assertThat(errors()).isEqualTo(
                "analyze: the API refused the catalogue: HTTP 413 Upload larger than the limit: more than 100000 rows\n"
                        + "analyze: the API refused the catalogue: HTTP 401: <html>no</html>\n");
    }

    @Test
    void aSubmissionStillBeingAcceptedUnderTheSameKeyIsAskedAgainAfterItsRetryAfter() throws Exception {
        submitAnswers.add(Answer.problem(409, "Request conflicts with one in progress", "", Map.of("Retry-After", "2")));

        int exit = analysis(false).analyze(new CatalogueFile(catalogue("catalogue.csv"), CatalogueFormat.CSV),
                BatchOptions.DEFAULTS, new CatalogueFile(directory.resolve("r.csv"), CatalogueFormat.CSV), false);

        assertThat(exit).as(errors()).isZero();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        List<Request> submits = requests.stream().filter(request -> request.method().equals("POST")).toList();
        assertThat(submits).hasSize(2);
        assertThat(submits.get(1).header("Idempotency-Key")).isEqualTo(submits.get(0).header("Idempotency-Key"));
        assertThat(submits.get(1).body()).isEqualTo(submits.get(0).body());
    }

    @Test
    void withoutWaitingItPrintsHowToFetchTheProgressAndTheResults() throws Exception {
        Path results = directory.resolve("catalogue.results.csv");

        int exit = analysis(false).analyze(new CatalogueFile(catalogue("catalogue.csv"), CatalogueFormat.CSV),
                BatchOptions.DEFAULTS, new CatalogueFile(results, CatalogueFormat.CSV), false);

        assertThat(exit).isZero();
        assertThat(requests).hasSize(1);
        assertThat(printed()).contains(
                "  progress: curl -sS -H \"X-API-Key: $HITORFLOP_API_KEY\" " + api() + "/v1/batches/" + BATCH_ID + "\n",
                "  results:  curl -sS -H \"X-API-Key: $HITORFLOP_API_KEY\" -H 'Accept: text/csv' -o '" + results + "' "
                        + api() + "/v1/batches/" + BATCH_ID + "/results\n");
        assertThat(results).doesNotExist();
    }

    @Test
    void aBatchNotCompleteInTimeEndsWithExitCode1AndTheWayToFetchItLater() throws Exception {
        for (int i = 0; i < 100; i++) {
            statusAnswers.add(status("RUNNING", 3));
        }

        int exit = analysis(false, Duration.ofSeconds(10)).analyze(new CatalogueFile(catalogue("catalogue.csv"),
                CatalogueFormat.CSV), BatchOptions.DEFAULTS, new CatalogueFile(directory.resolve("r.csv"), CatalogueFormat.CSV), true);

        assertThat(exit).isEqualTo(1);
        assertThat(errors()).startsWith("analyze: batch " + BATCH_ID + " not complete after 10 s\n")
                .contains("progress: curl", "/v1/batches/" + BATCH_ID + "/results");
        assertThat(directory.resolve("r.csv")).doesNotExist();
    }

    @Test
    void ctrlCWhileFollowingSaysTheBatchKeepsRunningAndHowToFetchItOnce() throws Exception {
        statusAnswers.add(status("RUNNING", 2));
        CatalogueAnalysis analysis = analysis(true);
        onSleep = analysis::stoppedFollowing;

        analysis.analyze(new CatalogueFile(catalogue("catalogue.csv"), CatalogueFormat.CSV), BatchOptions.DEFAULTS,
                new CatalogueFile(directory.resolve("r.csv"), CatalogueFormat.CSV), true);
        analysis.stoppedFollowing();

        assertThat(errors()).startsWith("analyze: stopped following batch " + BATCH_ID + "; it keeps running on the server.\n")
                .contains("/v1/batches/" + BATCH_ID + "/results");
        assertThat(errors().split("stopped following", -1)).hasSize(2);
        // on a terminal the progress line is redrawn in place, and Ctrl-C ends it before the notice
        assertThat(printed()).contains("\r[").contains("ETA --\n");
    }

    private CatalogueAnalysis analysis(boolean terminal) {
        return analysis(terminal, Duration.ofMinutes(15));
    }

    private CatalogueAnalysis analysis(boolean terminal, Duration timeout) {
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
            onSleep.run();
        };
        return new CatalogueAnalysis(new BatchesClient(api(), Optional.of(KEY)), true, clock, sleeper, terminal, timeout,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path catalogue(String name) throws IOException {
        Path file = directory.resolve(name);
        StringBuilder rows = new StringBuilder("id,title,danceability,energy,tempo\n");
        for (int row = 1; row <= 10; row++) {
            rows.append("t").append(row).append(",Song ").append(row).append(",0.5,0.6,").append(100 + row).append('\n');
        }
        Files.writeString(file, rows);
        return file;
    }

    private static Answer status(String status, long done) {
        return Answer.json(200, """
                {"id":"%s","status":"%s","rows":10,"accepted":8,"rejected":2,"counts":{"QUEUED":%d,"DONE":%d},
                 "done":%d,"progress":%s,"createdAt":"2026-12-05T07:00:00Z","completedAt":null,
                 "links":{"self":"/v1/batches/%s","results":"/v1/batches/%s/results"}}"""
                .formatted(BATCH_ID, status, 8 - done, done, done, done / 8.0, BATCH_ID, BATCH_ID));
    }

    /** The same rows as {@link #RESULTS_CSV} as results-service writes JSON Lines: echoed columns and votes nested, absent values null. */
    private static String jsonLines() {
        List<String> lines = new ArrayList<>();
        String[] statuses = {"DONE", "DONE", "REJECTED", "DONE", "FAILED", "DONE", "REJECTED", "DONE", "DONE", "DONE"};
        String[] labels = {"HIT", "FLOP", null, "HIT", null, "HIT", null, "FLOP", "HIT", "FLOP"};
        Map<Integer, String> problems = Map.of(2, "\"https://hitorflop.io/problems/invalid-features\",\"detail\":\"tempo is not a number\"",
                4, "\"https://hitorflop.io/problems/download-failed\",\"detail\":\"HTTP 404\"",
                6, "\"https://hitorflop.io/problems/invalid-features\",\"detail\":\"speechiness is missing\"");
        for (int row = 0; row < statuses.length; row++) {
            lines.add("{\"line\":" + (row + 2) + ",\"columns\":{\"id\":\"t" + (row + 1) + "\",\"status\":\"echoed\"},"
                    + "\"jobId\":null,\"status\":\"" + statuses[row] + "\","
                    + "\"label\":" + (labels[row] == null ? "null" : "\"" + labels[row] + "\"") + ",\"votes\":{\"knn\":null},"
                    + "\"problemType\":" + problems.getOrDefault(row, "null,\"detail\":null") + "}");
        }
        return String.join("\n", lines) + "\n";
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.type());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

package io.hitorflop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 200-row catalogue through the public router of the packaged stack (API keys on): the batch is
 * accepted with its rejected rows counted, a resubmission with the same Idempotency-Key is the
 * same batch, another key sees nothing of it, every accepted row ends DONE (vectors) or FAILED
 * (links nobody answers), the results file has exactly one line per input row in input order
 * with the echoed columns, and the {@code batch.completed} webhook arrives once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class BatchApiIT {

    private static final String ALICE_KEY = "alice-batch-key-5d2e8a1c7f3b9064";
    private static final String BOB_KEY = "bob-batch-key-0c9a4e7d2b6f1835";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int ROWS = 200;
    private static final String HEADER = "id,title,danceability,energy,key,loudness,mode,speechiness,acousticness,"
            + "instrumentalness,liveness,valence,tempo,duration_ms,time_signature,url";
    /** Lines (header = 1) of the rows that are refused, and the problem each must report. */
    static final Map<Integer, String> REFUSED = Map.of(
            12, "invalid-features",  // a missing feature
            45, "invalid-features",  // not a number
            78, "invalid-features",  // out of range
            101, "forbidden-url",    // the metadata address
            150, "invalid-row");     // a field too many
    /** Link rows: accepted, then FAILED, since nothing listens there. */
    static final List<Integer> LINKS = List.of(60, 160);

    private LauncherStack stack;
    private HttpServer receiver;
    private final List<String> webhooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    void up() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/hooks", exchange -> {
            try (exchange) {
                webhooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        Path e2eHome = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath();
        stack = LauncherStack.up(Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize(),
                e2eHome.resolveSibling("e2e-batches"), Map.of(
                        "HITORFLOP_SECURITY_API_KEYS_ENABLED", "true",
                        "HITORFLOP_SECURITY_API_KEYS_KEYS", entry("alice", ALICE_KEY) + "," + entry("bob", BOB_KEY),
                        "HITORFLOP_SECURITY_EGRESS_ALLOW_LIST", "127.0.0.1/32"));
    }

    @AfterAll
    void down() {
        LauncherStack.downLeavingNothing(stack);
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aCatalogueIsScoredRowByRowWithRejectedRowsReportedAndOneCompletionWebhook() throws Exception {
        String csv = catalogue();
        String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        HttpResponse<String> accepted = submit(ALICE_KEY, csv, "first-catalogue", webhook);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode batch = JSON.readTree(accepted.body());
        String id = batch.path("id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/v1/batches/" + id);
        assertThat(batch.path("rows").asInt()).isEqualTo(ROWS);
        assertThat(batch.path("rejected").asInt()).isEqualTo(REFUSED.size());
        assertThat(batch.path("accepted").asInt()).isEqualTo(ROWS - REFUSED.size());
        assertThat(batch.path("links").path("results").asText()).isEqualTo("/v1/batches/" + id + "/results");

        HttpResponse<String> again = submit(ALICE_KEY, csv, "first-catalogue", webhook);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(id);
        assertThat(submit(ALICE_KEY, csv.replace("track-7,", "track-seven,"), "first-catalogue", webhook).statusCode())
                .as("the same key with another file").isEqualTo(422);

        assertThat(get(BOB_KEY, "/v1/batches/" + id, "application/json").statusCode()).isEqualTo(404);
        assertThat(get(BOB_KEY, "/v1/batches/" + id + "/results", "text/csv").statusCode()).isEqualTo(404);

        JsonNode done = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> JSON.readTree(get(ALICE_KEY, "/v1/batches/" + id, "application/json").body()),
                        status -> "COMPLETE".equals(status.path("status").asText()));
        assertThat(done.path("counts").path("DONE").asInt()).isEqualTo(ROWS - REFUSED.size() - LINKS.size());
        assertThat(done.path("counts").path("FAILED").asInt()).isEqualTo(LINKS.size());
        assertThat(done.path("done").asInt()).isEqualTo(ROWS - REFUSED.size());
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);

        List<String> lines = get(ALICE_KEY, "/v1/batches/" + id + "/results", "text/csv").body().lines().toList();
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.get(0)).isEqualTo("line,id,title,jobId,status,label,probability,random_forest,xgboost,"
                + "ada_boost,knn,decision_tree,problemType,detail");
        for (int line = 2; line <= ROWS + 1; line++) {
            String result = lines.get(line - 1);
            assertThat(result).as("results line for input line %d", line)
                    .startsWith(line + ",track-" + line + ",\"Song " + line + ", live\",");
            if (REFUSED.containsKey(line)) {
                assertThat(result).contains(",REJECTED,").contains("https://hitorflop.io/problems/" + REFUSED.get(line));
            } else if (LINKS.contains(line)) {
                assertThat(result).contains(",FAILED,");
            } else {
                assertThat(result).containsPattern(",DONE,(HIT|FLOP),0\\.\\d+,((HIT|FLOP),){5}");
            }
        }

        List<String> jsonLines = get(ALICE_KEY, "/v1/batches/" + id + "/results?explain=true", "application/x-ndjson")
                .body().lines().toList();
        assertThat(jsonLines).hasSize(ROWS);
        JsonNode first = JSON.readTree(jsonLines.get(0));
        assertThat(first.path("line").asInt()).isEqualTo(2);
        assertThat(first.path("columns").path("id").asText()).isEqualTo("track-2");
        assertThat(first.path("votes").size()).isEqualTo(5);
        assertThat(first.has("explanation")).isTrue();

        await().atMost(Duration.ofMinutes(1)).until(() -> !webhooks.isEmpty());
        JsonNode hook = JSON.readTree(webhooks.get(0));
        assertThat(hook.path("type").asText()).isEqualTo("batch.completed");
        assertThat(hook.path("data").path("id").asText()).isEqualTo(id);
        assertThat(hook.path("data").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(webhooks).hasSize(1);
    }

    /**
     * {@link #ROWS} rows after a header: line n is {@code track-n}, "Song n, live", a valid vector,
     * but for the {@link #REFUSED} lines and the {@link #LINKS} (also ReplicaKillIT's catalogue).
     */
    static String catalogue() {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int line = 2; line <= ROWS + 1; line++) {
            List<String> cells = new ArrayList<>(List.of("track-" + line, "\"Song " + line + ", live\""));
            double danceability = 0.2 + 0.6 * ((line * 37) % 100) / 100.0;
            cells.addAll(List.of(number(danceability), number(1 - danceability / 2), Integer.toString(line % 12),
                    number(-4 - line % 10), Integer.toString(line % 2), "0.05", number(0.1 + (line % 7) / 10.0), "0",
                    "0.12", number((line % 10) / 10.0), number(90 + line % 60), Integer.toString(150000 + line * 300),
                    "4", ""));
            switch (line) {
                case 12 -> cells.set(12, "");                     // tempo missing
                case 45 -> cells.set(3, "loud");                  // energy not a number
                case 78 -> cells.set(2, "1.7");                   // danceability out of range
                case 101 -> cells.set(15, "http://169.254.169.254/latest/meta-data");
                case 150 -> cells.add("one too many");
                case 60, 160 -> {
                    for (int feature = 2; feature <= 14; feature++) {
                        cells.set(feature, "");
                    }
                    cells.set(15, "http://127.0.0.1:9/song-" + line + ".mp3");
                }
                default -> {
                }
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private HttpResponse<String> submit(String apiKey, String csv, String idempotencyKey, String webhook)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/batches?webhookUrl=" + webhook))
                .header("Content-Type", "text/csv")
                .header("X-API-Key", apiKey)
                .header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String apiKey, String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.baseUri().resolve(URI.create(path)))
                .header("X-API-Key", apiKey)
                .header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String entry(String id, String key) throws Exception {
        return id + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}

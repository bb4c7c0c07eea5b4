package io.hitorflop.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A client of the public API behind the router: submit audio or a feature vector, read jobs, wait for final states. */
public final class PipelineClient {

    public static final String SPOTIFY_VECTOR = """
            {"features": {"danceability": %s, "energy": 0.81, "key": 5, "loudness": -5.2, "mode": 1,
              "speechiness": 0.05, "acousticness": 0.11, "instrumentalness": 0.0, "liveness": 0.12,
              "valence": 0.64, "tempo": 118.0, "duration_ms": 210000, "time_signature": 4}}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

    private final URI base;
    private final HttpClient http;

    public PipelineClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** One POST /v1/jobs answer: its status, body, and the job id when it was accepted. */
    public record Submission(int status, String contentType, String body, Optional<UUID> jobId, Instant sentAt) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** Uploads bytes as the multipart part {@code file}, the way a browser form sends them. */
    public Submission submitAudio(byte[] audio, String fileName, String partContentType) throws IOException, InterruptedException {
        return submitAudio(audio, fileName, partContentType, null);
    }

    /** An upload whose job posts a webhook to {@code webhook} (null: none) when it ends. */
    public Submission submitAudio(byte[] audio, String fileName, String partContentType, URI webhook)
            throws IOException, InterruptedException {
        String boundary = "hitorflop-" + UUID.randomUUID();
        String webhookPart = webhook == null ? "" : "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"webhook_url\"\r\n\r\n" + webhook + "\r\n";
        byte[] head = (webhookPart + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + partContentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + audio.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(audio, 0, body, head.length, audio.length);
        System.arraycopy(tail, 0, body, head.length + audio.length, tail.length);
        return submit("multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * Submits a valid spotify feature vector; {@code danceability} varies it between jobs, and the
     * job posts a webhook to {@code webhook} (null: none) when it ends.
     */
    public Submission submitVector(double danceability, URI webhook) throws IOException, InterruptedException {
        String vector = SPOTIFY_VECTOR.formatted(Double.toString(danceability));
        if (webhook != null) {
            vector = vector.substring(0, vector.lastIndexOf('}')) + ", \"webhook\": {\"url\": \"" + webhook + "\"}}";
        }
        return submit("application/json", HttpRequest.BodyPublishers.ofString(vector));
    }

    public Submission submit(String contentType, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        Instant sentAt = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/jobs"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
        Optional<UUID> id = Optional.empty();
        if (response.statusCode() == 202) {
            id = Optional.of(UUID.fromString(JSON.readTree(response.body()).path("id").asText()));
        }
        return new Submission(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), id, sentAt);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The job as the results service shows it, or empty while it does not know it (yet). */
    public Optional<JsonNode> job(UUID id) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v1/jobs/" + id);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET /v1/jobs/" + id + " answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    public static boolean isFinal(JsonNode job) {
        String status = job.path("status").asText();
        return status.equals("DONE") || status.equals("FAILED");
    }

    /**
     * Polls every job until all are DONE or FAILED or the timeout passes, and returns the last view
     * of each (empty for a job never seen). A read error (a service restarting) only delays the poll.
     */
    public Map<UUID, Optional<JsonNode>> awaitFinal(Collection<UUID> ids, Duration timeout) {
        Map<UUID, Optional<JsonNode>> last = new LinkedHashMap<>();
        ids.forEach(id -> last.put(id, Optional.empty()));
        List<UUID> open = new ArrayList<>(ids);
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (UUID id : List.copyOf(open)) {
                    try {
                        Optional<JsonNode> job = job(id);
                        last.put(id, job);
                        if (job.isPresent() && isFinal(job.get())) {
                            open.remove(id);
                        }
                    } catch (IOException unavailableForAMoment) {
                        break;
                    }
                }
                return open.isEmpty();
            });
        } catch (ConditionTimeoutException notAllFinal) {
            // the last view of each job tells the caller which ones are still open
        }
        return last;
    }
}

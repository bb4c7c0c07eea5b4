package io.hitorflop.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The API and the dashboard through the compose router on 127.0.0.1, with an API key. */
public final class RouterClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String apiKey;

    public RouterClient(int port, String apiKey) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.apiKey = apiKey;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** POST /v1/jobs with a multipart upload of one file. */
    public HttpResponse<String> submitAudio(Path file) {
        String boundary = "hitorflop-" + UUID.randomUUID();
        try {
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] audio = Files.readAllBytes(file);
            byte[] body = new byte[head.length + audio.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(audio, 0, body, head.length, audio.length);
            System.arraycopy(tail, 0, body, head.length + audio.length, tail.length);
            return send(request("/v1/jobs").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST /v1/jobs with a Spotify-style feature vector (the `spotify` feature set). */
    public HttpResponse<String> submitFeatureVector() {
        String body = """
                {"features": {"danceability": 0.72, "energy": 0.81, "key": 5, "loudness": -5.2, "mode": 1,
                 "speechiness": 0.05, "acousticness": 0.11, "instrumentalness": 0.0, "liveness": 0.12,
                 "valence": 0.64, "tempo": 118.0, "duration_ms": 210000, "time_signature": 4}}""";
        return send(request("/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The job's status, or null while results-service does not know it yet (404 right after the 202). */
    public String status(String jobId) {
        HttpResponse<String> response = get("/v1/jobs/" + jobId);
        return response.statusCode() == 200 ? json(response).path("status").asText() : null;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.statusCode() + " " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).header("X-API-Key", apiKey);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

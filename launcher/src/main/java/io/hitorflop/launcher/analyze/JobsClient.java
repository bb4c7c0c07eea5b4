package io.hitorflop.launcher.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The HitOrFlop jobs API seen from a client: submit through the one origin, then follow the job's
 * event stream or poll it. With an API key, every request carries it as {@code X-API-Key}.
 */
public final class JobsClient {

    /** The header edge-security's API-key gate reads. */
    public static final String API_KEY_HEADER = "X-API-Key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final ApiOrigin origin;
    private final HttpClient http;

    public JobsClient(URI base, Optional<String> apiKey) {
        this.base = base;
        this.origin = new ApiOrigin(base, apiKey);
        this.http = origin.http();
    }

    /** A job the API accepted: where to poll it and the job JSON of the 202. */
    public record Submitted(URI location, JsonNode job) {
    }

    /** Uploads {@code audio} as multipart field {@code file}; the file is streamed from disk. */
    public Submitted submitAudio(Path audio) throws IOException, InterruptedException {
        String boundary = "hitorflop-" + UUID.randomUUID();
        String fileName = audio.getFileName().toString().replace("\"", "_");
        String contentType = URLConnection.guessContentTypeFromName(fileName);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + (contentType == null ? "application/octet-stream" : contentType) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(audio),
                HttpRequest.BodyPublishers.ofByteArray(tail));
        return submit(request(base.resolve("/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body).build());
    }

    /** Submits a feature vector of the spotify set, e.g. {@code {"features": {"danceability": 0.7, ...}}}. */
    public Submitted submitFeatures(String json) throws IOException, InterruptedException {
        return submit(request(base.resolve("/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Submits a link to a song ({@code {"url": ...}}); the service fetches it asynchronously. */
    public Submitted submitLink(String url) throws IOException, InterruptedException {
        return submitFeatures(JSON.writeValueAsString(java.util.Map.of("url", url)));
    }

    public JsonNode job(URI location) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(base.resolve(location))
                .header("Accept", "application/json").timeout(POLL_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ApiException(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Opens the job's event stream ({@code GET <location>/events}), resuming after event
     * {@code lastEventId} when there is one. The answer's body is the open stream, whatever its status.
     */
    public HttpResponse<InputStream> events(URI location, Optional<String> lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(base.resolve(location + "/events"))
                .header("Accept", "text/event-stream")
                // only until the head arrives: the stream itself stays open as long as the job runs
                .timeout(POLL_TIMEOUT).GET();
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The dashboard's page of a job, on the same origin as the API. */
    public URI dashboardLink(String jobId) {
        return base.resolve("/jobs/" + jobId);
    }

    private HttpRequest.Builder request(URI uri) {
        return origin.request(uri);
    }

    private Submitted submit(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new ApiException(response.statusCode(), response.body());
        }
        URI location = response.headers().firstValue("Location").map(URI::create)
                .orElseThrow(() -> new ApiException(response.statusCode(), "202 without a Location header"));
        return new Submitted(location, JSON.readTree(response.body()));
    }

    /** The API answered with an error; {@code body} is its problem+json. */
    public static final class ApiException extends IOException {
        private final int status;

        public ApiException(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}

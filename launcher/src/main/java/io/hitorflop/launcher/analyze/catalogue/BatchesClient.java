package io.hitorflop.launcher.analyze.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.launcher.analyze.ApiOrigin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The batch API for catalogues seen from a client, through the one origin: submit a catalogue
 * ({@code POST /v1/batches}, the file streamed from disk), read its progress
 * ({@code GET /v1/batches/{id}}) and download its results ({@code GET /v1/batches/{id}/results},
 * streamed to disk). Every request carries the API key, when there is one, as {@code X-API-Key}.
 * An error answer is a {@link BatchProblem}.
 */
public final class BatchesClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(30);

    private final ApiOrigin origin;
    private final HttpClient http;

    public BatchesClient(URI base, Optional<String> apiKey) {
        this.origin = new ApiOrigin(base, apiKey);
        this.http = origin.http();
    }

    /** A batch the API accepted: where its progress and its results are, and how its rows were counted. */
    public record Submitted(String id, URI self, URI results, long rows, long accepted, long rejected) {
    }

    /**
     * Submits {@code catalogue} as the body (its bytes as they are on disk, read as the connection
     * takes them), with {@code idempotencyKey} so that sending it again gives the same batch.
     */
    public Submitted submit(CatalogueFile catalogue, BatchOptions options, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest request = origin.request(origin.resolve("/v1/batches" + options.query()))
                .header("Content-Type", catalogue.format().mediaType())
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofFile(catalogue.file()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw BatchProblem.of(response.statusCode(), response.headers(), response.body());
        }
        JsonNode batch = JSON.readTree(response.body());
        String id = batch.path("id").asText();
        URI self = origin.resolve(response.headers().firstValue("Location")
                .orElse(batch.path("links").path("self").asText("/v1/batches/" + id)));
        URI results = origin.resolve(batch.path("links").path("results").asText("/v1/batches/" + id + "/results"));
        return new Submitted(id, self, results, batch.path("rows").asLong(), batch.path("accepted").asLong(),
                batch.path("rejected").asLong());
    }

    public BatchStatus status(URI self) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(origin.request(self)
                .header("Accept", "application/json").timeout(STATUS_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw BatchProblem.of(response.statusCode(), response.headers(), response.body());
        }
        return BatchStatus.of(JSON.readTree(response.body()));
    }

    /**
     * Streams the results in {@code target}'s format into {@code target}: first into a
     * {@code .part} file beside it, moved into place when the whole answer arrived, so a broken
     * download never leaves a file that looks complete.
     */
    public void downloadResults(URI results, boolean explain, CatalogueFile target) throws IOException, InterruptedException {
        URI uri = explain ? URI.create(results + (results.getQuery() == null ? "?" : "&") + "explain=true") : results;
        HttpResponse<InputStream> response = http.send(origin.request(uri)
                .header("Accept", target.format().mediaType()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw BatchProblem.of(response.statusCode(), response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path part = target.file().resolveSibling(target.file().getFileName() + ".part");
            Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
            // a sibling: the same file system, so the rename is atomic
            Files.move(part, target.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}

package io.hitorflop.launcher.analyze;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The API's one origin as the clients of {@code analyze} call it: one HTTP/1.1 client, and every
 * request, with an API key, carrying it as {@code X-API-Key}.
 */
public final class ApiOrigin {

    private final URI base;
    private final Optional<String> apiKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public ApiOrigin(URI base, Optional<String> apiKey) {
        this.base = base;
        this.apiKey = apiKey.filter(key -> !key.isBlank());
    }

    /** {@code reference} (a path, or a Location) against the origin. */
    public URI resolve(String reference) {
        return base.resolve(reference);
    }

    public HttpClient http() {
        return http;
    }

    /** A request to {@code uri} with the API key, if any. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        apiKey.ifPresent(key -> request.header(JobsClient.API_KEY_HEADER, key));
        return request;
    }
}

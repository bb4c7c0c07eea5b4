package io.hitorflop.launcher.analyze.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The batch API answered with an error: its RFC 9457 problem (title, detail) and, for a 429 or
 * 409, when to ask again ({@code Retry-After} in seconds).
 */
public final class BatchProblem extends IOException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String title;
    private final String detail;
    private final transient Optional<Duration> retryAfter;

    BatchProblem(int status, String title, String detail, Optional<Duration> retryAfter) {
        super(describe(status, title, detail, retryAfter));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    /** Reads an error answer; a body that is not problem+json (a proxy's page) is shown as its first line. */
    static BatchProblem of(int status, HttpHeaders headers, String body) {
        Optional<Duration> retryAfter = headers.firstValue("Retry-After").flatMap(BatchProblem::seconds);
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.isObject()) {
                return new BatchProblem(status, problem.path("title").asText(""), problem.path("detail").asText(""), retryAfter);
            }
        } catch (IOException notJson) {
            // fall through: the body as text
        }
        return new BatchProblem(status, "", body.lines().findFirst().orElse("").strip(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException anHttpDate) {
            // ingest sends seconds; an HTTP date is not worth a parser here
            return Optional.empty();
        }
    }

    private static String describe(int status, String title, String detail, Optional<Duration> retryAfter) {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (!title.isEmpty()) {
            text.append(' ').append(title);
        }
        if (!detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        retryAfter.ifPresent(wait -> text.append(String.format(Locale.ROOT, " (try again in %d s)", wait.toSeconds())));
        return text.toString();
    }
}

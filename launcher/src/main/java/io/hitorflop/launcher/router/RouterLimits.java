package io.hitorflop.launcher.router;

import java.time.Duration;

/**
 * The router's limits; each one exceeded is answered with its own problem.
 *
 * @param maxBodySize       largest request body in bytes (413), the ingest service's limit
 * @param maxRequestLine    longest request line ({@code METHOD target HTTP/1.1}) in bytes (414)
 * @param maxHeaderSize     largest header section in bytes (431)
 * @param bodyIdleTimeout   longest pause of a client in the middle of its body (408)
 * @param upstreamTimeout   longest wait for the service's answer, from the end of the request body (504)
 */
public record RouterLimits(long maxBodySize, int maxRequestLine, int maxHeaderSize, Duration bodyIdleTimeout,
        Duration upstreamTimeout) {

    /** The ingest service's default quarkus.http.limits.max-body-size (100M). */
    public static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;

    /**
     * 100 MiB bodies, Vert.x's own 4 KiB request line and 8 KiB headers, 30 s of silence in a body,
     * 120 s for an answer (the HTTPRoute's timeout for {@code POST /v1/jobs}, which may download a link).
     */
    public static RouterLimits defaults() {
        return new RouterLimits(DEFAULT_MAX_BODY_SIZE, 4096, 8192, Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    public RouterLimits withMaxBodySize(long bytes) {
        return new RouterLimits(bytes, maxRequestLine, maxHeaderSize, bodyIdleTimeout, upstreamTimeout);
    }

    public RouterLimits withBodyIdleTimeout(Duration timeout) {
        return new RouterLimits(maxBodySize, maxRequestLine, maxHeaderSize, timeout, upstreamTimeout);
    }

    public RouterLimits withUpstreamTimeout(Duration timeout) {
        return new RouterLimits(maxBodySize, maxRequestLine, maxHeaderSize, bodyIdleTimeout, timeout);
    }
}

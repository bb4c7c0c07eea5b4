package io.hitorflop.ingest.http;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.config.HttpFramingConfig;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.RoutingProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Checks how a request is framed before any other handler reads it, and watches its body arrive.
 * <ul>
 * <li>A transfer coding other than exactly one {@code chunked} is refused with 400
 * {@code invalid-transfer-encoding} (RFC 9112 section 6.1): Netty would read such a body as empty,
 * where a proxy in front may have read it otherwise. ({@code Transfer-Encoding} beside
 * {@code Content-Length} never gets here: Netty refuses it and Vert.x closes the connection.)</li>
 * <li>A body that stops arriving for {@link HttpFramingConfig#bodyIdleTimeout()} is answered with
 * 408 {@code request-timeout} and the connection closed. Vert.x has no read timeout for a request
 * body (its idle timeout closes the connection without an answer), so the handler samples the
 * request's byte count.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestFraming {

    private final HttpFramingConfig config;

    RequestFraming(HttpFramingConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty() && !(codings.size() == 1 && codings.get(0).strip().equalsIgnoreCase("chunked"))) {
            refuse(context, ProblemType.INVALID_TRANSFER_ENCODING, "Transfer-Encoding " + codings
                    + " is not accepted; only a single 'chunked' is");
            return;
        }
        if (!request.isEnded()) {
            watchForStall(context);
        }
        context.next();
    }

    private void watchForStall(RoutingContext context) {
        HttpServerRequest request = context.request();
        long idleNanos = config.bodyIdleTimeout().toNanos();
        long declaredLength = declaredLength(request);
        long[] bytesSeen = {request.bytesRead()};
        long[] lastProgress = {System.nanoTime()};
        // sampled four times per timeout: a stall is answered within 1.25 timeouts
        long period = Math.max(config.bodyIdleTimeout().toMillis() / 4, 1);
        long timer = context.vertx().setPeriodic(period, id -> {
            // A body whose declared length has arrived cannot stall, even while the request's end is not
            // seen: an endpoint that streams a large body holds the request paused until it answers.
            if (request.isEnded() || context.response().ended() || context.response().closed()
                    || (declaredLength >= 0 && request.bytesRead() >= declaredLength)) {
                context.vertx().cancelTimer(id);
                return;
            }
            long read = request.bytesRead();
            long now = System.nanoTime();
            if (read != bytesSeen[0]) {
                bytesSeen[0] = read;
                lastProgress[0] = now;
            } else if (now - lastProgress[0] >= idleNanos) {
                context.vertx().cancelTimer(id);
                refuse(context, ProblemType.REQUEST_TIMEOUT, "the request body stalled: nothing arrived for "
                        + config.bodyIdleTimeout().toSeconds() + " s");
            }
        });
        context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
    }

    /** The Content-Length, or -1 for a chunked body or a malformed value (which Netty refuses itself). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && length.matches("\\d{1,18}") ? Long.parseLong(length) : -1;
    }

    /** Answers with a problem and closes the connection: where the next request would start is unknown. */
    private static void refuse(RoutingContext context, ProblemType type, String detail) {
        RoutingProblems.sendAndClose(context, Problem.of(type, detail, context.request().path()));
    }
}

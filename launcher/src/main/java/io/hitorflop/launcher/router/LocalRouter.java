package io.hitorflop.launcher.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.security.paths.RequestPath;
import io.hitorflop.launcher.router.RoutingTable.Decision;
import io.hitorflop.launcher.router.RoutingTable.Forward;
import io.hitorflop.launcher.router.RoutingTable.InvalidPath;
import io.hitorflop.launcher.router.RoutingTable.MethodNotAllowed;
import io.hitorflop.launcher.router.RoutingTable.ServeFile;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one origin of the local run: a reverse proxy on 127.0.0.1 (Vert.x HTTP server and client)
 * that forwards each request by the {@link RoutingTable} rules. Bodies are streamed both ways with
 * back-pressure (an upload is never held in memory), {@code Location} and every other end-to-end
 * header cross unchanged, and redirects are passed to the client rather than followed.
 * <p>
 * Every answer the router makes itself is an RFC 9457 problem: a path it refuses (400
 * {@code invalid-path}, see {@link RequestPath}) or no rule serves (404), a method the path does not
 * allow (405 with {@code Allow}), framing it will not guess at (400 {@code invalid-transfer-encoding}:
 * a transfer coding other than exactly {@code chunked}, or one beside a Content-Length, which Netty
 * refuses), a request Vert.x could not parse (400, 414, 431, through the server's invalid-request hook), a body that stalls (408), one too large (413), a
 * service that does not answer (502) or answers too late (504). The limits are {@link RouterLimits}.
 * <p>
 * A body over the limit is refused with 413 as soon as it is known to be too large: from its
 * Content-Length before any of it is read, or, for a chunked body, when the count passes the limit.
 * The connection is then closed the way an edge proxy does it (nginx's {@code lingering_close}):
 * what the client still sends is read and thrown away for at most {@link #LINGER_TIME} and
 * {@link #LINGER_BYTES}, so the close does not find unread bytes and reset the connection before
 * the client has read the answer.
 */
public final class LocalRouter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRouter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Longest time a refused request's remaining body is read and discarded before the close. */
    static final Duration LINGER_TIME = Duration.ofSeconds(2);
    /** Most bytes of a refused request's remaining body read and discarded before the close. */
    static final long LINGER_BYTES = 8L * 1024 * 1024;

    private final RoutingTable routes;
    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final RouterLimits limits;
    /**
     * Connections the router has decided to close. A client may have pipelined more requests behind
     * the refused one, and Vert.x hands the next one over as soon as the refusal is written — before
     * the close takes effect; nothing after a refusal that closes is ever forwarded.
     */
    private final Set<HttpConnection> closing = ConcurrentHashMap.newKeySet();

    private LocalRouter(RoutingTable routes, Vertx vertx, HttpClient client, RouterLimits limits) {
        this.routes = routes;
        this.vertx = vertx;
        this.client = client;
        this.limits = limits;
        this.server = vertx.createHttpServer(new HttpServerOptions()
                .setCompressionSupported(false)
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderSize()));
    }

    /** Starts the router on {@code address} with {@link RouterLimits#defaults()}. */
    public static LocalRouter start(RoutingTable routes, InetSocketAddress address) throws IOException {
        return start(routes, address, RouterLimits.defaults());
    }

    /** Starts the router on {@code address}; port 0 picks a free port (see {@link #port()}). */
    public static LocalRouter start(RoutingTable routes, InetSocketAddress address, RouterLimits limits) throws IOException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Duration.ofSeconds(5).toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(64));
        LocalRouter router = new LocalRouter(routes, vertx, client, limits);
        router.server.requestHandler(router::handle).invalidRequestHandler(router::refuseUnparsable);
        try {
            router.server.listen(address.getPort(), address.getHostString()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            router.close();
            throw new IOException("the router cannot listen on " + address + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            router.close();
            throw new IOException("interrupted while starting the router", e);
        }
        return router;
    }

    public int port() {
        return server.actualPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "router: closing Vert.x failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpServerRequest request) {
        if (closing.contains(request.connection())) {
            request.connection().close();
            return;
        }
        // nothing of the body is read until the request is known to be forwarded
        request.pause();
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty() && !(codings.size() == 1 && codings.get(0).strip().equalsIgnoreCase("chunked"))) {
            // RFC 9112 section 6.1: a server that does not understand a transfer coding answers 501
            // or, as here, refuses the request; guessing its length is how requests get smuggled.
            // Where its body ends is unknown, so nothing after it on the connection is read.
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(request, ProblemType.INVALID_TRANSFER_ENCODING, "Transfer-Encoding " + codings
                    + " is not accepted; only a single 'chunked' is");
            return;
        }
        String method = request.method().name();
        Decision decision = routes.decide(method, request.path());
        if (decision instanceof InvalidPath invalid) {
            refuse(request, ProblemType.INVALID_PATH, invalid.reason());
            return;
        }
        if (decision instanceof MethodNotAllowed notAllowed) {
            request.response().putHeader(HttpHeaders.ALLOW, String.join(", ", notAllowed.allowed()));
            refuse(request, ProblemType.METHOD_NOT_ALLOWED, method + " is not allowed on " + notAllowed.path());
            return;
        }
        if (decision instanceof ServeFile serve) {
            serveFile(request, serve.file());
            return;
        }
        if (!(decision instanceof Forward forward)) {
            refuse(request, ProblemType.NOT_FOUND, "No service serves " + method + " " + request.path());
            return;
        }
        long declared = declaredLength(request);
        if (declared > limits.maxBodySize()) {
            refuse(request, ProblemType.PAYLOAD_TOO_LARGE, "the request body (" + declared
                    + " bytes) exceeds the limit of " + limits.maxBodySize() + " bytes");
            return;
        }
        if (declared < -1) {
            refuse(request, ProblemType.BAD_REQUEST, "malformed Content-Length");
            return;
        }
        String query = request.query();
        URI target;
        try {
            target = URI.create(forward.target() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            refuse(request, ProblemType.INVALID_QUERY, "malformed query: " + e.getMessage());
            return;
        }
        new Exchange(request, target, declared).start();
    }

    /** One forwarded request: the client's body streamed to the service, its answer streamed back. */
    private final class Exchange {
        private final HttpServerRequest request;
        private final URI target;
        private final long declared;
        private HttpClientRequest upstreamRequest;
        private long bodyBytes;
        private boolean answered;
        /** The timer that ends a stalled body, while the router waits for the client's next bytes. */
        private long bodyIdleTimer = -1;

        Exchange(HttpServerRequest request, URI target, long declared) {
            this.request = request;
            this.target = target;
            this.declared = declared;
        }

        void start() {
            RequestOptions options = new RequestOptions()
                    .setMethod(request.method())
                    .setAbsoluteURI(target.toString())
                    .setFollowRedirects(false)
                    .setHeaders(forwardedRequestHeaders());
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    answerBadGateway(created.cause());
                    return;
                }
                upstreamRequest = created.result();
                upstreamRequest.exceptionHandler(this::answerBadGateway);
                request.exceptionHandler(this::abandon);
                upstreamRequest.response().onComplete(response -> {
                    if (response.succeeded()) {
                        relay(response.result());
                    } else {
                        answerBadGateway(response.cause());
                    }
                });
                sendBody();
            });
        }

        private MultiMap forwardedRequestHeaders() {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            ForwardedHeaders.copy(asMap(request.headers()), headers::add);
            headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
            headers.set("X-Forwarded-Proto", "http");
            String host = request.getHeader(HttpHeaders.HOST);
            if (host != null) {
                headers.set("X-Forwarded-Host", host);
            }
            return headers;
        }

        private void sendBody() {
            boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
            if (declared > 0) {
                upstreamRequest.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
            } else if (chunked) {
                upstreamRequest.setChunked(true);
            } else {
                endUpstreamRequest();
                request.resume();
                return;
            }
            request.handler(this::forwardChunk);
            request.endHandler(ended -> {
                disarmBodyIdleTimer();
                if (!answered) {
                    endUpstreamRequest();
                }
            });
            resumeBody();
        }

        private void endUpstreamRequest() {
            upstreamRequest.end();
            // from here the service owes the answer; Vert.x fails the request with a TimeoutException
            upstreamRequest.idleTimeout(limits.upstreamTimeout().toMillis());
        }

        private void resumeBody() {
            armBodyIdleTimer();
            request.resume();
        }

        private void armBodyIdleTimer() {
            disarmBodyIdleTimer();
            bodyIdleTimer = vertx.setTimer(limits.bodyIdleTimeout().toMillis(), expired -> {
                bodyIdleTimer = -1;
                if (!answered && !request.isEnded()) {
                    answered = true;
                    upstreamRequest.reset();
                    refuse(request, ProblemType.REQUEST_TIMEOUT, "the request body stalled: nothing arrived for "
                            + limits.bodyIdleTimeout().toSeconds() + " s");
                }
            });
        }

        private void disarmBodyIdleTimer() {
            if (bodyIdleTimer >= 0) {
                vertx.cancelTimer(bodyIdleTimer);
                bodyIdleTimer = -1;
            }
        }

        /** The client's side failed (connection closed, body not parseable): the service's request is dropped too. */
        private void abandon(Throwable cause) {
            disarmBodyIdleTimer();
            if (answered) {
                return;
            }
            answered = true;
            upstreamRequest.reset();
            refuse(request, ProblemType.BAD_REQUEST, "the request body could not be read: " + cause.getMessage());
        }

        private void forwardChunk(Buffer chunk) {
            if (answered) {
                return;
            }
            armBodyIdleTimer();
            bodyBytes += chunk.length();
            if (bodyBytes > limits.maxBodySize()) {
                disarmBodyIdleTimer();
                answered = true;
                upstreamRequest.reset();
                refuse(request, ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of "
                        + limits.maxBodySize() + " bytes");
                return;
            }
            upstreamRequest.write(chunk);
            if (upstreamRequest.writeQueueFull()) {
                // the service is slow, not the client: no stall is timed while the router holds back
                disarmBodyIdleTimer();
                request.pause();
                upstreamRequest.drainHandler(drained -> resumeBody());
            }
        }

        private void relay(HttpClientResponse upstreamResponse) {
            disarmBodyIdleTimer();
            if (answered) {
                return;
            }
            answered = true;
            HttpServerResponse response = request.response();
            response.setStatusCode(upstreamResponse.statusCode());
            ForwardedHeaders.copy(asMap(upstreamResponse.headers()), response.headers()::add);
            String length = upstreamResponse.getHeader(HttpHeaders.CONTENT_LENGTH);
            int status = upstreamResponse.statusCode();
            if (length != null) {
                response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            } else if (request.method() != HttpMethod.HEAD && status != 204 && status != 304) {
                response.setChunked(true);
            }
            boolean bodyStillComing = !request.isEnded();
            if (bodyStillComing) {
                // the service answered before the upload ended (e.g. its own 413): stop sending it
                response.putHeader(HttpHeaders.CONNECTION, "close");
            }
            upstreamResponse.pipeTo(response).onComplete(relayed -> {
                if (relayed.failed()) {
                    request.connection().close();
                } else if (bodyStillComing) {
                    lingerThenClose(request);
                }
            });
        }

        private void answerBadGateway(Throwable cause) {
            disarmBodyIdleTimer();
            if (answered) {
                return;
            }
            answered = true;
            if (request.response().headWritten()) {
                request.connection().close();
                return;
            }
            if (cause instanceof TimeoutException) {
                refuse(request, ProblemType.GATEWAY_TIMEOUT, target.getAuthority() + " did not answer within "
                        + limits.upstreamTimeout().toSeconds() + " s");
            } else {
                refuse(request, ProblemType.BAD_GATEWAY, target.getAuthority() + " did not answer: " + cause);
            }
        }
    }

    /**
     * Answers with a problem. A request whose body may still be on its way gets {@code Connection:
     * close} and a lingering close; one without a body keeps its connection, unless the caller
     * already set {@code Connection: close}.
     */
    private void refuse(HttpServerRequest request, ProblemType type, String detail) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        boolean bodyStillComing = !request.isEnded();
        response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
        if (bodyStillComing) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        endClosingIfAsked(request, Buffer.buffer(problem(type, detail, request.path())), bodyStillComing);
    }

    /**
     * Answers with one of the dashboard's files: 304 when the client's copy is current. A body sent
     * with the GET is read off and thrown away, and the connection closed, as after a refusal.
     */
    private void serveFile(HttpServerRequest request, PageFiles.File file) {
        HttpServerResponse response = request.response();
        boolean bodyStillComing = !request.isEnded();
        if (bodyStillComing) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, PageFiles.File.CACHE_CONTROL)
                .putHeader(HttpHeaders.ETAG, file.etag())
                .putHeader("X-Content-Type-Options", "nosniff");
        Buffer body = Buffer.buffer();
        if (file.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304);
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                    .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(file.content().length));
            if (request.method() != HttpMethod.HEAD) {
                body = Buffer.buffer(file.content());
            }
        }
        endClosingIfAsked(request, body, bodyStillComing);
    }

    /** Ends the answer; then reads off the rest of an unread body and closes, or closes when {@code Connection: close} was set. */
    private void endClosingIfAsked(HttpServerRequest request, Buffer body, boolean bodyStillComing) {
        HttpServerResponse response = request.response();
        boolean close = "close".equalsIgnoreCase(response.headers().get(HttpHeaders.CONNECTION));
        if (close) {
            closeAfterThis(request);
        }
        response.end(body).onComplete(sent -> {
            if (bodyStillComing) {
                lingerThenClose(request);
            } else if (close) {
                request.connection().close();
            }
        });
    }

    /**
     * Answers a request Vert.x could not parse (its decoder failed before the request handler): too
     * long a request line, too large a header section, or malformed framing. The connection is
     * closed, since where the next request would start is unknown.
     */
    private void refuseUnparsable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ProblemType type;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            type = ProblemType.URI_TOO_LONG;
            detail = "the request line is longer than " + limits.maxRequestLine() + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            type = ProblemType.HEADERS_TOO_LARGE;
            detail = "the request headers are larger than " + limits.maxHeaderSize() + " bytes";
        } else if (cause instanceof ContentLengthNotAllowedException) {
            // Netty refuses both lengths at once (RFC 9112 section 6.3: "ought to be handled as an error")
            type = ProblemType.INVALID_TRANSFER_ENCODING;
            detail = "a request may carry Transfer-Encoding or Content-Length, not both";
        } else {
            type = ProblemType.BAD_REQUEST;
            detail = "malformed HTTP request: " + (cause == null ? "unknown error" : cause.getMessage());
        }
        closeAfterThis(request);
        request.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(problem(type, detail, null)))
                .onComplete(sent -> request.connection().close());
    }

    private void closeAfterThis(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (closing.add(connection)) {
            connection.closeHandler(closed -> closing.remove(connection));
        }
    }

    /** Reads and discards the rest of the body until it ends, or for at most LINGER_TIME / LINGER_BYTES, then closes. */
    private void lingerThenClose(HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long[] discarded = {0};
        long timer = vertx.setTimer(LINGER_TIME.toMillis(), expired -> request.connection().close());
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > LINGER_BYTES) {
                vertx.cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(ended -> {
            vertx.cancelTimer(timer);
            request.connection().close();
        });
        request.exceptionHandler(failed -> vertx.cancelTimer(timer));
        request.resume();
    }

    /** The problem body; {@code instance} is null when the request could not be parsed. */
    private static byte[] problem(ProblemType type, String detail, String instance) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request's Content-Length; -1 when it has none, -2 when it is not a number. */
    private static long declaredLength(HttpServerRequest request) {
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            return length < 0 ? -2 : length;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private static Map<String, List<String>> asMap(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.put(name, headers.getAll(name));
        }
        return map;
    }
}

package io.hitorflop.localstack.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one origin of the local run: a reverse proxy on 127.0.0.1 (Vert.x HTTP server and client)
 * that forwards each request by the {@link RoutingTable} rules. Bodies are streamed both ways with
 * back-pressure (an upload is never held in memory), {@code Location} and every other end-to-end
 * header cross unchanged, redirects are passed to the client rather than followed, and a request no
 * rule matches, or whose service does not answer, gets an RFC 9457 problem.
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

    /** The ingest service's default quarkus.http.limits.max-body-size (100M). */
    public static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;
    /** Longest time a refused request's remaining body is read and discarded before the close. */
    static final Duration LINGER_TIME = Duration.ofSeconds(2);
    /** Most bytes of a refused request's remaining body read and discarded before the close. */
    static final long LINGER_BYTES = 8L * 1024 * 1024;

    private final RoutingTable routes;
    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final long maxBodySize;

    private LocalRouter(RoutingTable routes, Vertx vertx, HttpClient client, long maxBodySize) {
        this.routes = routes;
        this.vertx = vertx;
        this.client = client;
        this.maxBodySize = maxBodySize;
        this.server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false));
    }

    /** Starts the router on {@code address} with the default body limit of {@value #DEFAULT_MAX_BODY_SIZE} bytes. */
    public static LocalRouter start(RoutingTable routes, InetSocketAddress address) throws IOException {
        return start(routes, address, DEFAULT_MAX_BODY_SIZE);
    }

    /** Starts the router on {@code address}; port 0 picks a free port (see {@link #port()}). */
    public static LocalRouter start(RoutingTable routes, InetSocketAddress address, long maxBodySize) throws IOException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Duration.ofSeconds(5).toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(64));
        LocalRouter router = new LocalRouter(routes, vertx, client, maxBodySize);
        router.server.requestHandler(router::handle);
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
        // nothing of the body is read until the request is known to be forwarded
        request.pause();
        String method = request.method().name();
        Optional<URI> upstream;
        try {
            upstream = routes.upstreamOf(method, request.path());
        } catch (IllegalArgumentException e) {
            refuse(request, ProblemType.BAD_REQUEST, "malformed request path: " + e.getMessage());
            return;
        }
        if (upstream.isEmpty()) {
            refuse(request, ProblemType.NOT_FOUND, "No service serves " + method + " " + request.path());
            return;
        }
        long declared = declaredLength(request);
        if (declared > maxBodySize) {
            refuse(request, ProblemType.PAYLOAD_TOO_LARGE, "the request body (" + declared
                    + " bytes) exceeds the limit of " + maxBodySize + " bytes");
            return;
        }
        if (declared < -1) {
            refuse(request, ProblemType.BAD_REQUEST, "malformed Content-Length");
            return;
        }
        String query = request.query();
        URI target = URI.create(upstream.get() + (query == null ? "" : "?" + query));
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
                upstreamRequest.end();
                request.resume();
                return;
            }
            request.handler(this::forwardChunk);
            request.endHandler(ended -> {
                if (!answered) {
                    upstreamRequest.end();
                }
            });
            request.resume();
        }

        private void forwardChunk(Buffer chunk) {
            if (answered) {
                return;
            }
            bodyBytes += chunk.length();
            if (bodyBytes > maxBodySize) {
                answered = true;
                upstreamRequest.reset();
                refuse(request, ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of "
                        + maxBodySize + " bytes");
                return;
            }
            upstreamRequest.write(chunk);
            if (upstreamRequest.writeQueueFull()) {
                request.pause();
                upstreamRequest.drainHandler(drained -> request.resume());
            }
        }

        private void relay(HttpClientResponse upstreamResponse) {
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
            if (answered) {
                return;
            }
            answered = true;
            if (request.response().headWritten()) {
                request.connection().close();
                return;
            }
            refuse(request, ProblemType.BAD_GATEWAY, target.getAuthority() + " did not answer: " + cause);
        }
    }

    /**
     * Answers with a problem. A request whose body may still be on its way gets {@code Connection:
     * close} and a lingering close; one without a body keeps its connection.
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
        response.end(Buffer.buffer(problem(type, detail, request.path()))).onComplete(sent -> {
            if (bodyStillComing) {
                lingerThenClose(request);
            }
        });
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

    private static byte[] problem(ProblemType type, String detail, String instance) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("instance", instance);
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

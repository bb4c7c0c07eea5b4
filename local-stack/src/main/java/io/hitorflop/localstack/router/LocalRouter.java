package io.hitorflop.localstack.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hitorflop.contract.ProblemType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one origin of the local run: a reverse proxy on 127.0.0.1 that forwards each request by
 * the {@link RoutingTable} rules. Bodies are streamed both ways (an upload is never held in
 * memory), {@code Location} and every other end-to-end header cross unchanged, redirects are
 * passed to the client rather than followed, and a request no rule matches, or whose service
 * does not answer, gets an RFC 9457 problem.
 */
public final class LocalRouter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRouter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The ingest service's default quarkus.http.limits.max-body-size (100M). */
    public static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;
    private final RoutingTable routes;
    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient client;
    private final long maxBodySize;

    private LocalRouter(RoutingTable routes, HttpServer server, ExecutorService workers, HttpClient client,
                        long maxBodySize) {
        this.routes = routes;
        this.server = server;
        this.workers = workers;
        this.client = client;
        this.maxBodySize = maxBodySize;
    }

    /** Starts the router on {@code address} with the default body limit of {@value #DEFAULT_MAX_BODY_SIZE} bytes. */
    public static LocalRouter start(RoutingTable routes, InetSocketAddress address) throws IOException {
        return start(routes, address, DEFAULT_MAX_BODY_SIZE);
    }

    /**
     * Starts the router on {@code address}; port 0 picks a free port (see {@link #port()}). A body
     * declared larger than {@code maxBodySize} is refused with 413 from its Content-Length, unread,
     * as an edge proxy does: streaming it on would only end in the service closing the connection.
     */
    public static LocalRouter start(RoutingTable routes, InetSocketAddress address, long maxBodySize) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        // One thread per in-flight exchange: a streamed upload blocks its thread until it is sent.
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "router-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(workers)
                .build();
        HttpServer server = HttpServer.create(address, 64);
        LocalRouter router = new LocalRouter(routes, server, workers, client, maxBodySize);
        server.createContext("/", router::handle);
        server.setExecutor(workers);
        server.start();
        return router;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI requested = exchange.getRequestURI();
            Optional<URI> upstream = routes.upstreamOf(method, requested.getRawPath());
            if (upstream.isEmpty()) {
                drain(exchange.getRequestBody());
                sendProblem(exchange, ProblemType.NOT_FOUND, "No service serves " + method + " " + requested.getRawPath());
                return;
            }
            long declared = declaredLength(exchange);
            if (declared > maxBodySize) {
                exchange.getResponseHeaders().set("Connection", "close");
                sendProblem(exchange, ProblemType.PAYLOAD_TOO_LARGE, "the request body (" + declared
                        + " bytes) exceeds the limit of " + maxBodySize + " bytes");
                return;
            }
            String query = requested.getRawQuery();
            URI target = URI.create(upstream.get() + (query == null ? "" : "?" + query));
            forward(exchange, method, target);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "router: exchange failed", e);
        }
    }

    private void forward(HttpExchange exchange, String method, URI target) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(method, bodyOf(exchange));
        ForwardedHeaders.copy(exchange.getRequestHeaders(), request::header);
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", "http");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            sendProblem(exchange, ProblemType.BAD_GATEWAY, target.getAuthority() + " did not answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendProblem(exchange, ProblemType.BAD_GATEWAY, "interrupted while waiting for " + target.getAuthority());
            return;
        }
        ForwardedHeaders.copy(response.headers().map(), exchange.getResponseHeaders()::add);
        try (InputStream body = response.body()) {
            long length = responseLength(method, response);
            exchange.sendResponseHeaders(response.statusCode(), length);
            if (length >= 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        }
    }

    /** The request body as a stream, keeping its Content-Length when the client sent one. */
    private static HttpRequest.BodyPublisher bodyOf(HttpExchange exchange) {
        boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        long length = declaredLength(exchange);
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        return length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
    }

    /** The length argument of {@link HttpExchange#sendResponseHeaders}: -1 no body, 0 chunked, else exact. */
    private static long responseLength(String method, HttpResponse<?> response) {
        int status = response.statusCode();
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return -1;
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
        return length == 0 && response.headers().firstValue("Content-Length").isPresent() ? -1 : length;
    }

    private static void sendProblem(HttpExchange exchange, ProblemType type, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("instance", exchange.getRequestURI().getRawPath());
        byte[] body = JSON.writeValueAsBytes(problem);
        exchange.getResponseHeaders().set("Content-Type", PROBLEM_JSON);
        exchange.sendResponseHeaders(type.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The request's Content-Length, -1 when it has none. */
    private static long declaredLength(HttpExchange exchange) {
        String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
        return contentLength == null ? -1 : Long.parseLong(contentLength.trim());
    }

    private static void drain(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
    }
}

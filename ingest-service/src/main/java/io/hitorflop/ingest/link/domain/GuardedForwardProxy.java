package io.hitorflop.ingest.link.domain;

import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.ForbiddenDestinationException;
import io.hitorflop.security.egress.VettedDestination;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only way yt-dlp reaches the network: an HTTP forward proxy on 127.0.0.1 (ephemeral port,
 * password-protected with a fresh random password, alive for one yt-dlp run) that puts every
 * destination yt-dlp asks for through the egress guard and connects to the address the guard
 * checked, so a second DNS answer is never used. Plain-HTTP requests in absolute form (RFC 9112
 * section 3.2.2) are forwarded one at a time without following redirects, so each redirect yt-dlp
 * follows arrives here as a new request and is vetted again; {@code CONNECT host:port} tunnels
 * (RFC 9110 section 9.3.6) are opened only to vetted addresses. A refused destination is answered
 * {@code 403} whose status line carries the guard's reason, which yt-dlp repeats in its ERROR line.
 */
final class GuardedForwardProxy implements AutoCloseable {

    /** Start of the status line of a refusal; {@link YtDlpRefusal} recognises it in yt-dlp's output. */
    static final String REFUSAL = "Forbidden by the egress guard";
    static final String USER = "yt-dlp";

    /** Hop-by-hop fields (RFC 9110 section 7.6.1) and the proxy's own ones, never forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-authenticate", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host");
    private static final Duration START_AND_STOP_LIMIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final EgressGuard guard;
    private final HttpClient client;
    private final NetClient tunnels;
    private final byte[] expectedAuthorization;
    private final String password;
    private HttpServer server;

    private GuardedForwardProxy(Vertx vertx, EgressGuard guard, Duration connectTimeout, Duration idleTimeout) {
        this.vertx = vertx;
        this.guard = guard;
        int idleSeconds = (int) Math.max(1, idleTimeout.toSeconds());
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout(idleSeconds).setKeepAlive(false).setTryUseCompression(false));
        this.tunnels = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout(idleSeconds));
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        this.password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (USER + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Listens on 127.0.0.1 until {@link #close()}.
     *
     * @param idleTimeout an upstream connection silent this long is closed
     */
    static GuardedForwardProxy start(Vertx vertx, EgressGuard guard, Duration connectTimeout, Duration idleTimeout)
            throws IOException {
        GuardedForwardProxy proxy = new GuardedForwardProxy(vertx, guard, connectTimeout, idleTimeout);
        try {
            proxy.server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(proxy::handle).listen());
            return proxy;
        } catch (IOException failed) {
            proxy.close();
            throw failed;
        }
    }

    /** {@code http://yt-dlp:<password>@127.0.0.1:<port>}, for yt-dlp's {@code --proxy}. */
    String url() {
        return "http://" + USER + ":" + password + "@127.0.0.1:" + server.actualPort();
    }

    int port() {
        return server.actualPort();
    }

    String password() {
        return password;
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        String presented = request.getHeader(HttpHeaders.PROXY_AUTHORIZATION);
        if (presented == null || !MessageDigest.isEqual(expectedAuthorization, presented.getBytes(StandardCharsets.UTF_8))) {
            request.response().putHeader(HttpHeaders.PROXY_AUTHENTICATE, "Basic realm=\"hitorflop\"");
            answer(request, 407, "Proxy Authentication Required");
            return;
        }
        boolean tunnel = request.method() == HttpMethod.CONNECT;
        String target = tunnel ? "https://" + request.uri() + "/" : request.uri();
        if (!tunnel && !target.regionMatches(true, 0, "http://", 0, 7)) {
            answer(request, 400, "Only absolute http:// requests and CONNECT are proxied");
            return;
        }
        vertx.executeBlocking(() -> guard.vet(target), false).onComplete(vetted -> {
            if (vetted.failed()) {
                answer(request, vetted.cause() instanceof ForbiddenDestinationException ? 403 : 400,
                        REFUSAL + ": " + vetted.cause().getMessage());
            } else if (tunnel) {
                openTunnel(request, vetted.result());
            } else {
                forward(request, vetted.result());
            }
        });
    }

    private void openTunnel(HttpServerRequest request, VettedDestination destination) {
        int port = destination.uri().getPort();
        if (port < 0) {
            answer(request, 400, "CONNECT needs host:port");
            return;
        }
        tunnels.connect(port, address(destination)).onComplete(connected -> {
            if (connected.failed()) {
                answer(request, 502, "Could not connect: " + connected.cause().getMessage());
                return;
            }
            NetSocket upstream = connected.result();
            request.toNetSocket().onComplete(accepted -> {
                if (accepted.failed()) {
                    upstream.close();
                    return;
                }
                NetSocket downstream = accepted.result();
                downstream.pipeTo(upstream);
                upstream.pipeTo(downstream);
            });
        });
    }

    private void forward(HttpServerRequest request, VettedDestination destination) {
        URI uri = destination.uri();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(request.method())
                .setServer(SocketAddress.inetSocketAddress(port, address(destination)))
                .setHost(destination.host()).setPort(port).setURI(path).setFollowRedirects(false);
        request.headers().forEach(header -> {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(header.getKey(), header.getValue());
            }
        });
        client.request(options).compose(upstream -> upstream.send(request)).onComplete(answered -> {
            if (answered.failed()) {
                answer(request, 502, "The destination did not answer: " + answered.cause().getMessage());
                return;
            }
            HttpClientResponse upstream = answered.result();
            HttpServerResponse response = request.response().setStatusCode(upstream.statusCode())
                    .setStatusMessage(printable(upstream.statusMessage()));
            upstream.headers().forEach(header -> {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    response.headers().add(header.getKey(), header.getValue());
                }
            });
            if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                response.setChunked(true);
            }
            upstream.pipeTo(response);
        });
    }

    /** The first checked address: the guard vetted all of them, and no other lookup happens. */
    private static String address(VettedDestination destination) {
        InetAddress address = destination.addresses().get(0);
        return address.getHostAddress();
    }

    private static void answer(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            request.connection().close();
            return;
        }
        String line = printable(message);
        request.resume();
        // A refused request may have left a body unread or be a CONNECT: the connection is not reused.
        response.setStatusCode(status).setStatusMessage(line)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(line + "\n").onComplete(sent -> request.connection().close());
    }

    /** A status line may not carry control characters (RFC 9112 section 4). */
    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}]", " ");
    }

    @Override
    public void close() {
        for (Future<Void> closing : List.of(server == null ? Future.<Void>succeededFuture() : server.close(),
                client.close(), tunnels.close())) {
            try {
                await(closing);
            } catch (IOException ignored) {
                // Closing is best effort: the process that used the proxy has already ended.
            }
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(START_AND_STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IOException("the yt-dlp proxy could not start or stop: " + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the yt-dlp proxy started or stopped", interrupted);
        }
    }
}

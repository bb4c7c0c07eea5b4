package io.hitorflop.ingest.link.domain;

import com.sun.net.httpserver.HttpServer;
import io.hitorflop.ingest.Canary;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.EgressPolicy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy yt-dlp runs behind, spoken to with raw HTTP/1.1 over sockets: a site on 127.0.0.1 is
 * allow-listed, the canary on 127.0.0.2 is not and must never see a connection.
 */
class GuardedForwardProxyTest {

    private static final String SITE_NAME = "site.test";
    private static Vertx vertx;
    private static HttpServer site;
    private static final List<String> hostsSeen = new CopyOnWriteArrayList<>();
    private Canary canary;
    private GuardedForwardProxy proxy;

    @BeforeAll
    static void startSite() throws IOException {
        vertx = Vertx.vertx();
        site = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        site.createContext("/hello", exchange -> {
            hostsSeen.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startProxy() throws IOException {
        hostsSeen.clear();
        canary = new Canary();
        site.createContext("/to-canary", exchange -> {
            exchange.getResponseHeaders().set("Location", canary.url("/"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        // SITE_NAME exists only in this resolver: reaching the site by that name proves the proxy
        // connects to the address the guard looked up, not to one of its own lookups.
        EgressGuard guard = new EgressGuard(EgressPolicy.allowing(List.of("127.0.0.1/32")), host -> {
            if (host.equals(SITE_NAME)) {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            }
            throw new UnknownHostException(host);
        });
        proxy = GuardedForwardProxy.start(vertx, guard, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopProxy() throws IOException {
        site.removeContext("/to-canary");
        proxy.close();
        canary.close();
    }

    @Test
    void aTunnelToARefusedAddressIs403AndNeverOpened() throws Exception {
        String answer = exchange("CONNECT 127.0.0.2:" + canary.port() + " HTTP/1.1\r\nHost: 127.0.0.2:"
                + canary.port() + "\r\n" + credentials() + "\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403 " + GuardedForwardProxy.REFUSAL)
                .contains("127.0.0.2, a loopback address");
        assertThat(canary.connectionsSoFar()).isZero();
    }

    @Test
    void aTunnelToAnAllowedAddressCarriesTheConversation() throws Exception {
        String authority = "127.0.0.1:" + site.getAddress().getPort();
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            write(socket, "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n" + credentials() + "\r\n");
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
            write(socket, "GET /hello HTTP/1.1\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n");
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 200").endsWith("hello");
        }
    }

    @Test
    void aPlainRequestGoesToTheVettedAddressUnderItsOwnName() throws Exception {
        String authority = SITE_NAME + ":" + site.getAddress().getPort();
        String answer = exchange("GET http://" + authority + "/hello HTTP/1.1\r\nHost: " + authority + "\r\n"
                + credentials() + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("hello");
        assertThat(hostsSeen).contains(authority);
    }

    @Test
    void aPlainRequestToARefusedAddressIs403() throws Exception {
        String answer = exchange("GET " + canary.url("/secret") + " HTTP/1.1\r\nHost: 127.0.0.2\r\n" + credentials()
                + "\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403 " + GuardedForwardProxy.REFUSAL);
        assertThat(canary.connectionsSoFar()).isZero();
    }

    @Test
    void aRedirectIsHandedBackNotFollowed() throws Exception {
        String authority = "127.0.0.1:" + site.getAddress().getPort();
        String answer = exchange("GET http://" + authority + "/to-canary HTTP/1.1\r\nHost: " + authority + "\r\n"
                + credentials() + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 302").contains("Location: " + canary.url("/"));
        assertThat(canary.connectionsSoFar()).isZero();
    }

    @Test
    void withoutThisRunsPasswordNothingIsProxied() throws Exception {
        String target = "127.0.0.1:" + site.getAddress().getPort();
        String wrong = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                (GuardedForwardProxy.USER + ":guess").getBytes(StandardCharsets.UTF_8)) + "\r\n";

        assertThat(exchange("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")).startsWith("HTTP/1.1 407");
        assertThat(exchange("GET http://" + target + "/hello HTTP/1.1\r\nHost: " + target + "\r\n" + wrong + "\r\n"))
                .startsWith("HTTP/1.1 407");
        assertThat(hostsSeen).doesNotContain(target);
    }

    private String credentials() {
        return "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                (GuardedForwardProxy.USER + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** Sends one request and reads until the proxy closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            write(socket, request);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }
}

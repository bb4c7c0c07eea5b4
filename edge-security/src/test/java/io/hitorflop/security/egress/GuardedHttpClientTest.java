package io.hitorflop.security.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against real local HTTP servers; only 127.0.0.1 is allow-listed. */
class GuardedHttpClientTest {

    private static final GuardedHttpClient.Settings SETTINGS =
            new GuardedHttpClient.Settings(Duration.ofSeconds(2), Duration.ofMillis(700), 5, "hitorflop-test");

    private HttpServer site;
    /** Listens on 127.0.0.2, which is loopback but not allow-listed: it must never see a request. */
    private HttpServer internal;
    private final AtomicInteger internalHits = new AtomicInteger();
    private GuardedHttpClient client;

    @BeforeEach
    void start() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        site.createContext("/song.mp3", exchange -> answer(exchange, 200, "audio/mpeg", "ID3-fake-audio".getBytes()));
        site.createContext("/big", exchange -> answer(exchange, 200, "audio/mpeg", new byte[300_000]));
        site.createContext("/forbidden", exchange -> answer(exchange, 403, "text/plain", "no".getBytes()));
        site.createContext("/hop", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getQuery());
            redirect(exchange, left == 0 ? "/song.mp3" : "/hop?" + (left - 1));
        });
        site.createContext("/to-internal", exchange -> redirect(exchange,
                "http://127.0.0.2:" + internal.getAddress().getPort() + "/secret"));
        site.createContext("/to-metadata", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
        site.createContext("/to-decimal", exchange -> redirect(exchange, "http://2130706434:" + internal.getAddress().getPort() + "/"));
        site.createContext("/to-mapped", exchange -> redirect(exchange, "http://[::ffff:127.0.0.2]:" + internal.getAddress().getPort() + "/"));
        site.createContext("/to-file", exchange -> redirect(exchange, "file:///etc/passwd"));
        site.createContext("/slow", exchange -> {
            sleep(2_000);
            answer(exchange, 200, "audio/mpeg", new byte[10]);
        });
        site.createContext("/echo", exchange -> answer(exchange, 200, "text/plain",
                (exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        + " " + exchange.getRequestHeaders().getFirst("X-Test")).getBytes(StandardCharsets.UTF_8)));
        site.createContext("/post-redirect", exchange -> redirect(exchange, "/echo"));
        site.start();
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.incrementAndGet();
            answer(exchange, 200, "text/plain", "secret".getBytes());
        });
        internal.start();
        client = new GuardedHttpClient(new EgressGuard(EgressPolicy.allowing(List.of("127.0.0.1/32"))), SETTINGS);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        site.stop(0);
        internal.stop(0);
    }

    @Test
    void downloadsToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("song.mp3");
        try (GuardedResponse response = client.get(url("/song.mp3"), Map.of())) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.mediaType()).contains("audio/mpeg");
            assertThat(response.saveTo(file, 1_000, Duration.ofSeconds(5))).isEqualTo(14);
        }
        assertThat(file).hasContent("ID3-fake-audio");
    }

    @Test
    void followsFiveRedirectsButNotSix() throws Exception {
        try (GuardedResponse response = client.get(url("/hop?4"), Map.of())) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.uri().getPath()).isEqualTo("/song.mp3");
        }
        assertThatThrownBy(() -> client.get(url("/hop?5"), Map.of()))
                .isInstanceOf(TooManyRedirectsException.class)
                .hasMessageContaining("more than 5 redirects");
    }

    @Test
    void aRedirectIntoAForbiddenAddressIsRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> client.get(url("/to-internal"), Map.of()))
                .isInstanceOf(ForbiddenDestinationException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> client.get(url("/to-decimal"), Map.of()))
                .isInstanceOf(ForbiddenDestinationException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> client.get(url("/to-mapped"), Map.of()))
                .isInstanceOf(ForbiddenDestinationException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> client.get(url("/to-metadata"), Map.of()))
                .isInstanceOf(ForbiddenDestinationException.class).hasMessageContaining("link-local");
        assertThatThrownBy(() -> client.get(url("/to-file"), Map.of()))
                .isInstanceOf(ForbiddenDestinationException.class).hasMessageContaining("only http and https");
        assertThat(internalHits).hasValue(0);
    }

    @Test
    void theInternalServerIsReallyThere() throws Exception {
        GuardedHttpClient open = new GuardedHttpClient(new EgressGuard(EgressPolicy.allowing(List.of("127.0.0.0/8"))), SETTINGS);
        try (open; GuardedResponse response = open.get(url("/to-internal"), Map.of())) {
            assertThat(response.readAtMost(100, Duration.ofSeconds(5))).asString().isEqualTo("secret");
        }
        assertThat(internalHits).hasValue(1);
    }

    @Test
    void connectsToTheAddressThatWasCheckedNotToASecondDnsAnswer() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> {
            if (!host.equals("songs.test")) {
                throw new UnknownHostException(host);
            }
            // First answer passes the guard; any later one would point at the internal server.
            return new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2")};
        };
        GuardedHttpClient rebindable = new GuardedHttpClient(
                new EgressGuard(EgressPolicy.allowing(List.of("127.0.0.1/32")), rebinding), SETTINGS);
        try (rebindable; GuardedResponse response = rebindable.get(
                "http://songs.test:" + site.getAddress().getPort() + "/song.mp3", Map.of())) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.readAtMost(100, Duration.ofSeconds(5))).asString().isEqualTo("ID3-fake-audio");
        }
        assertThat(lookups).hasValue(1);
        assertThat(internalHits).hasValue(0);
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndItsFileRemoved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.mp3");
        try (GuardedResponse response = client.get(url("/big"), Map.of())) {
            assertThatThrownBy(() -> response.saveTo(file, 100_000, Duration.ofSeconds(5)))
                    .isInstanceOf(ResponseTooLargeException.class);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aSilentServerHitsTheReadTimeout() {
        assertThatThrownBy(() -> client.get(url("/slow"), Map.of()).close()).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void postsWithoutFollowingRedirects() throws Exception {
        try (GuardedResponse response = client.post(url("/echo"), Map.of("X-Test", "h"), "body".getBytes(), "text/plain")) {
            assertThat(response.readAtMost(100, Duration.ofSeconds(5))).asString().isEqualTo("POST body h");
        }
        try (GuardedResponse response = client.post(url("/post-redirect"), Map.of(), new byte[0], "text/plain")) {
            assertThat(response.status()).isEqualTo(302);
        }
        assertThatThrownBy(() -> client.post("http://169.254.169.254/hook", Map.of(), new byte[0], "text/plain"))
                .isInstanceOf(ForbiddenDestinationException.class);
    }

    @Test
    void aForbiddenStatusIsReturnedForTheCallerToJudge() throws Exception {
        try (GuardedResponse response = client.get(url("/forbidden"), Map.of())) {
            assertThat(response.status()).isEqualTo(403);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

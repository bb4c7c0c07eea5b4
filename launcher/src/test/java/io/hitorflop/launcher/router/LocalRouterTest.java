package io.hitorflop.launcher.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.hitorflop.service.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = "https://hitorflop.io/problems/";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private RecordingUpstream ingest;
    private RecordingUpstream results;
    private LocalRouter router;

    @BeforeEach
    void start() throws IOException {
        ingest = new RecordingUpstream("ingest");
        results = new RecordingUpstream("results");
        router = LocalRouter.start(RoutingTable.api(ingest.uri(), results.uri()), loopback());
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private void restartRouter(URI ingestUri, RouterLimits limits) throws IOException {
        router.close();
        router = LocalRouter.start(RoutingTable.api(ingestUri, results.uri()), loopback(), limits);
    }

    @AfterEach
    void stop() {
        router.close();
        ingest.close();
        results.close();
    }

    @Test
    void submissionGoesToIngestWithItsBodyIntactAndLocationPreserved() throws Exception {
        byte[] upload = new byte[8 * 1024 * 1024 + 17];
        new Random(4).nextBytes(upload);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/jobs/abc");
        assertThat(response.body()).isEqualTo("{\"served-by\":\"ingest\"}");
        assertThat(results.requests()).isZero();
        Recorded seen = ingest.last();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/jobs");
        assertThat(seen.bodyLength()).isEqualTo(upload.length);
        assertThat(seen.bodySha256()).isEqualTo(sha256(upload));
        assertThat(seen.headers().getFirst("Content-Type")).isEqualTo("multipart/form-data; boundary=xyz");
        assertThat(seen.headers().getFirst("Content-Length")).isEqualTo(Integer.toString(upload.length));
        assertThat(seen.headers().getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void aCatalogueGoesToIngestWithItsQueryAndItsProgressToResults() throws Exception {
        HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/batches?explain=true"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("id,url\n1,https://example.org/a.mp3\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> progress = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/batches/b1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(submitted.body()).isEqualTo("{\"served-by\":\"ingest\"}");
        assertThat(ingest.last().path()).isEqualTo("/v1/batches");
        assertThat(ingest.last().query()).isEqualTo("explain=true");
        assertThat(progress.body()).isEqualTo("{\"served-by\":\"results\"}");
        assertThat(results.last().path()).isEqualTo("/v1/batches/b1");
    }

    @Test
    void everyOtherApiRequestGoesToResultsWithItsQuery() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                router.baseUri().resolve("/v1/jobs?status=DONE&page=2")).GET().build(), HttpResponse.BodyHandlers.ofString());
        client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/jobs/42/deliveries")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"served-by\":\"results\"}");
        assertThat(ingest.requests()).isZero();
        assertThat(results.requests()).isEqualTo(2);
        assertThat(results.first().path()).isEqualTo("/v1/jobs");
        assertThat(results.first().query()).isEqualTo("status=DONE&page=2");
        assertThat(results.last().path()).isEqualTo("/v1/jobs/42/deliveries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%2e/v1/jobs", "/v1/%2e%2e/v1/jobs", "/%2E%2E/v1/jobs", "/v1%2fjobs", "/v1%2Fjobs",
        "/v1%5cjobs", "/v1\\jobs", "/%252e%252e/v1/jobs", "/v1%252fjobs", "/v1;x=y/jobs", "/v1/jobs;x", "/v1/jobs%3bx",
        "//v1/jobs", "/v1//jobs", "/v1/./jobs", "/v1/../v1/jobs", "/v1./jobs", "/v1/jobs.",
        "/q/results/..%2fv1/jobs", "/q/ingest/%2e%2e/v1/jobs", "/q/results/../v1/jobs", "/q/metrics", "/q/health",
        "/q/results/health/ready", "/q/ingest/metrics", "/V1/jobs", "/v1%00/jobs", "/v1/jobs%zz", "/v1/jobs%2",
        "/v1/%c3%a9", "/admin", "/", "*"})
    void aPathSpellingOutsideTheApiIsRefusedAndNeverForwarded(String path) throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            RawResponse response = exchangeRaw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 2\r\n\r\n{}");

            assertThat(response.status()).as(method + " " + path).isIn(400, 404);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.problemType()).isIn(PROBLEMS + "invalid-path", PROBLEMS + "not-found");
            assertThat(response.problem().get("status").asInt()).isEqualTo(response.status());
        }
        assertThat(ingest.requests() + results.requests()).as("requests forwarded").isZero();
    }

    @Test
    void encodedDotsAndSeparatorsAreAnInvalidPathNotAMissingOne() throws Exception {
        RawResponse response = exchangeRaw("GET /q/results/%2e%2e/v1/jobs?size=100 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-path");
        assertThat(response.problem().get("detail").asText()).contains("%2e");
    }

    @Test
    void escapedUnreservedCharactersAreDecodedBeforeRoutingAndForwarding() throws Exception {
        RawResponse response = exchangeRaw("GET /%76%31/jobs/ab%2Dc HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response.status()).isEqualTo(202);
        assertThat(results.last().path()).isEqualTo("/v1/jobs/ab-c");
    }

    @Test
    void aQueryThatIsNoUriQueryIsAProblemJson400() throws Exception {
        RawResponse response = exchangeRaw("GET /v1/jobs?status=|DONE HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-query");
        assertThat(results.requests()).isZero();
    }

    @Test
    void aMethodThePathDoesNotAllowIsAProblemJson405WithAllow() throws Exception {
        RawResponse onJob = exchangeRaw("DELETE /v1/jobs/1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawResponse onJobs = exchangeRaw("PUT /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        RawResponse trace = exchangeRaw("TRACE /v1/jobs HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(onJob.status()).isEqualTo(405);
        assertThat(onJob.contentType()).isEqualTo("application/problem+json");
        assertThat(onJob.problemType()).isEqualTo(PROBLEMS + "method-not-allowed");
        assertThat(onJob.header("allow")).isEqualTo("GET, HEAD");
        assertThat(onJobs.header("allow")).isEqualTo("GET, HEAD, POST");
        assertThat(trace.status()).isEqualTo(405);
        assertThat(ingest.requests() + results.requests()).isZero();
    }

    @Test
    void aRequestLineOverTheLimitIsAProblemJson414() throws Exception {
        RawResponse response = exchangeRaw("GET /v1/jobs/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "uri-too-long");
        assertThat(results.requests()).isZero();
    }

    @Test
    void headersOverTheLimitAreAProblemJson431() throws Exception {
        RawResponse response = exchangeRaw("GET /v1/jobs HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "a".repeat(10_000) + "\r\n\r\n");

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "headers-too-large");
        assertThat(results.requests()).isZero();
    }

    @Test
    void aRequestVertxCannotParseIsAProblemJson400() throws Exception {
        RawResponse response = exchangeRaw("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4, 5\r\n\r\nbody");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "bad-request");
        assertThat(ingest.requests()).isZero();
    }

    @Test
    void aStalledBodyIsAProblemJson408NotABadGateway() throws Exception {
        restartRouter(ingest.uri(), RouterLimits.defaults().withBodyIdleTimeout(Duration.ofSeconds(1)));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/flac\r\n"
                    + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100]);
            out.flush();
            RawResponse response = RawResponse.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.problemType()).isEqualTo(PROBLEMS + "request-timeout");
            assertThat(response.header("connection")).isEqualTo("close");
        }
        assertThat(ingest.requests()).as("requests the service received whole").isZero();
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsAProblemJson504() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            router.close();
            URI silentUri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            router = LocalRouter.start(RoutingTable.api(ingest.uri(), silentUri), loopback(),
                    RouterLimits.defaults().withUpstreamTimeout(Duration.ofSeconds(1)));

            RawResponse response = exchangeRaw("GET /v1/jobs/1 HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(response.status()).isEqualTo(504);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.problemType()).isEqualTo(PROBLEMS + "gateway-timeout");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Transfer-Encoding: xchunked\r\nContent-Length: 5", "Transfer-Encoding: xchunked",
        "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: identity\r\nContent-Length: 5"})
    void aTransferCodingOtherThanChunkedIsRefused(String framing) throws Exception {
        RawResponse response = exchangeRaw("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\n" + framing
                + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        assertThat(response.status()).as(framing).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-transfer-encoding");
        assertThat(response.header("connection")).isEqualTo("close");
        assertThat(ingest.requests()).isZero();
    }

    @Test
    void whatFollowsARefusedTransferCodingIsNeverReadAsTheNextRequest() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n"
                    + "GET /v1/jobs/smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();

            RawResponse refused = RawResponse.read(in);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(in.read()).as("no second answer: the connection is closed").isEqualTo(-1);
        }
        assertThat(ingest.requests() + results.requests()).isZero();
    }

    @Test
    void aChunkExtensionIsAcceptedAndTheBodyArrivesWhole() throws Exception {
        RawResponse response = exchangeRaw("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6;flag\r\n world\r\n0\r\n\r\n");

        assertThat(response.status()).isEqualTo(202);
        assertThat(ingest.last().bodyLength()).isEqualTo(11);
        assertThat(ingest.last().bodySha256()).isEqualTo(sha256("hello world".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void contentLengthBesideChunkedIsRefusedAsAmbiguousFraming() throws Exception {
        RawResponse response = exchangeRaw("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 3\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-transfer-encoding");
        assertThat(ingest.requests()).isZero();
    }

    @Test
    void unknownRouteIsAProblemJson404() throws Exception {
        for (String path : new String[] {"/admin", "/q/nobody/health", "/v1x/jobs"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("type").asText()).isEqualTo("https://hitorflop.io/problems/not-found");
            assertThat(problem.get("status").asInt()).isEqualTo(404);
        }
        assertThat(ingest.requests() + results.requests()).isZero();
    }

    @Test
    void serviceThatDoesNotAnswerIsAProblemJson502() throws Exception {
        results.close();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/jobs/1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo("https://hitorflop.io/problems/bad-gateway");
    }

    @Test
    void hopByHopHeadersAreDroppedBothWays() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/jobs/7 HTTP/1.1\r\nHost: hitorflop.local\r\nConnection: close, X-Private\r\n"
                    + "X-Private: secret\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Request-Id: r-1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = RawHttp.readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 202");
            assertThat(head).containsIgnoringCase("x-upstream-note: kept");
            assertThat(head).doesNotContainIgnoringCase("keep-alive: timeout=99");
            assertThat(head).doesNotContainIgnoringCase("x-upstream-private");
        }
        Headers seen = results.last().headers();
        assertThat(seen.getFirst("X-Request-Id")).isEqualTo("r-1");
        assertThat(seen.getFirst("X-Forwarded-Host")).isEqualTo("hitorflop.local");
        assertThat(seen).doesNotContainKeys("X-private", "Keep-alive", "Te");
    }

    @Test
    void uploadIsStreamedNotBufferedUntilItEnds() throws Exception {
        int half = 1024 * 1024;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/flac\r\n"
                    + "Content-Length: " + 2 * half + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[half]);
            out.flush();

            // The service must see most of the first half while the client still holds back the second
            // (a few kilobytes may sit in socket and client buffers).
            assertThat(ingest.awaitBytes(half / 2, 20, TimeUnit.SECONDS)).isTrue();

            out.write(new byte[half]);
            out.flush();
            assertThat(RawHttp.readHead(socket.getInputStream())).startsWith("HTTP/1.1 202");
        }
        assertThat(ingest.last().bodyLength()).isEqualTo(2L * half);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedUnreadAndTheRefusalSurvivesTheClose() throws Exception {
        // the close after a refusal once reset the connection before the 413 was read: repeat it,
        // and in the last attempt wait for the router's own close, which must be an orderly one
        for (int attempt = 0; attempt < 25; attempt++) {
            try (Socket socket = uploadDeclaringOneGibibyte()) {
                OutputStream out = socket.getOutputStream();
                out.write(new byte[16 * 1024]);
                out.flush();
                InputStream in = socket.getInputStream();

                String head = RawHttp.readHead(in);
                String body = new String(in.readNBytes(RawHttp.contentLength(head)), StandardCharsets.UTF_8);

                assertThat(head).as("attempt %d", attempt).startsWith("HTTP/1.1 413");
                assertThat(head.toLowerCase()).contains("content-type: application/problem+json", "connection: close");
                assertThat(JSON.readTree(body).get("type").asText()).isEqualTo("https://hitorflop.io/problems/payload-too-large");
                if (attempt == 24) {
                    long start = System.nanoTime();
                    assertThat(in.read()).as("end of stream after the lingering close").isEqualTo(-1);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
                }
            }
        }
        assertThat(ingest.requests()).isZero();
    }

    @Test
    void aClientThatKeepsSendingAfterTheRefusalStillReadsIt() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Socket socket = uploadDeclaringOneGibibyte()) {
                OutputStream out = socket.getOutputStream();
                Thread sender = new Thread(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        while (true) {
                            out.write(chunk);
                        }
                    } catch (IOException closed) {
                        // the router closed the connection once its lingering ended
                    }
                });
                sender.start();
                // a client busy sending reads late: the answer must still be there, not reset away
                Thread.sleep(300);

                String head = RawHttp.readHead(socket.getInputStream());

                assertThat(head).as("attempt %d", attempt).startsWith("HTTP/1.1 413");
                socket.close();
                sender.join(10_000);
            }
        }
        assertThat(ingest.requests()).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhenItPassesTheLimit() throws Exception {
        restartRouter(ingest.uri(), RouterLimits.defaults().withMaxBodySize(1024 * 1024));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/jobs"))
                .header("Content-Type", "audio/flac")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[4 * 1024 * 1024])))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("1048576 bytes");
        assertThat(ingest.requests()).as("requests the service received whole").isZero();
    }

    @Test
    void aServiceThatAnswersBeforeTheUploadEndsIsRelayedNotABadGateway() throws Exception {
        try (EarlyAnsweringUpstream early = new EarlyAnsweringUpstream()) {
            restartRouter(early.uri(), RouterLimits.defaults());

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/jobs"))
                    .header("Content-Type", "audio/flac")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo(EarlyAnsweringUpstream.BODY);
        }
    }

    /** Sends {@code request} as it is, on a connection of its own, and reads the answer. */
    private RawResponse exchangeRaw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return RawResponse.read(socket.getInputStream());
        }
    }

    /** An answer read off a socket: the head, and the body its Content-Length announces. */
    record RawResponse(String head, String body) {
        static RawResponse read(InputStream in) throws IOException {
            String head = RawHttp.readHead(in);
            return new RawResponse(head, new String(in.readNBytes(RawHttp.contentLength(head)), StandardCharsets.UTF_8));
        }

        int status() {
            return Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }

        String header(String name) {
            return head.lines().filter(line -> line.toLowerCase().startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }

        String contentType() {
            return header("content-type");
        }

        JsonNode problem() throws IOException {
            return JSON.readTree(body);
        }

        String problemType() throws IOException {
            return problem().get("type").asText();
        }
    }

    /** A connection that has sent the head of an upload declaring 1 GiB, and none of its body. */
    private Socket uploadDeclaringOneGibibyte() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), router.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/flac\r\n"
                + "Content-Length: " + (1L << 30) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /**
     * A service that refuses every upload as soon as its head arrives, then reads and drops the
     * rest of the body (as a well-behaved server closes) before closing.
     */
    private static final class EarlyAnsweringUpstream implements AutoCloseable {
        static final String BODY = "{\"status\":413}";
        private final java.net.ServerSocket server;
        private final Thread acceptor;

        EarlyAnsweringUpstream() throws IOException {
            server = new java.net.ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        RawHttp.readHead(socket.getInputStream());
                        socket.getOutputStream().write(("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY)
                                .getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        socket.shutdownOutput();
                        socket.setSoTimeout(2_000);
                        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // closed by the test, or the router closed its side
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    record Recorded(String method, String path, String query, Headers headers, long bodyLength, String bodySha256) {
    }

    /** A real HTTP server standing for one service: answers 202 with a Location and records what arrived. */
    private static final class RecordingUpstream implements AutoCloseable {
        private final String name;
        private final HttpServer server;
        private final java.util.List<Recorded> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicLong bytesSoFar = new AtomicLong();
        private final AtomicReference<CountDownLatch> bytesArrived = new AtomicReference<>(new CountDownLatch(1));
        private volatile long awaitedBytes = Long.MAX_VALUE;

        RecordingUpstream(String name) throws IOException {
            this.name = name;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try (exchange; InputStream body = exchange.getRequestBody()) {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    byte[] buffer = new byte[16 * 1024];
                    long length = 0;
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        digest.update(buffer, 0, n);
                        length += n;
                        if (bytesSoFar.addAndGet(n) >= awaitedBytes) {
                            bytesArrived.get().countDown();
                        }
                    }
                    recorded.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                            exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), length,
                            HexFormat.of().formatHex(digest.digest())));
                    byte[] reply = ("{\"served-by\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Location", "/v1/jobs/abc");
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("Connection", "X-Upstream-Private");
                    exchange.getResponseHeaders().add("X-Upstream-Private", "1");
                    exchange.getResponseHeaders().add("Keep-Alive", "timeout=99");
                    exchange.getResponseHeaders().add("X-Upstream-Note", "kept");
                    exchange.sendResponseHeaders(202, reply.length);
                    exchange.getResponseBody().write(reply);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        boolean awaitBytes(long bytes, long timeout, TimeUnit unit) throws InterruptedException {
            awaitedBytes = bytes;
            if (bytesSoFar.get() >= bytes) {
                return true;
            }
            return bytesArrived.get().await(timeout, unit);
        }

        int requests() {
            return recorded.size();
        }

        Recorded first() {
            return recorded.get(0);
        }

        Recorded last() {
            return recorded.get(recorded.size() - 1);
        }

        @Override
        public void close() {
            server.stop(0);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

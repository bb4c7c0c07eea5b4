package io.hitorflop.launcher.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The router with the dashboard: the page on the API's origin, the API and the event stream as before. */
class RouterPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch secondEventAllowed = new CountDownLatch(1);
    private HttpServer results;
    private LocalRouter router;

    @BeforeEach
    void start() throws IOException {
        results = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        results.setExecutor(Executors.newCachedThreadPool());
        results.createContext("/v1/jobs", exchange -> {
            try (exchange) {
                byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        // the event stream: the first event, then the second only when the test allows it
        results.createContext("/v1/jobs/7/events", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("id: 1\nevent: transition\ndata: {\"status\":\"QUEUED\"}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                secondEventAllowed.await(30, TimeUnit.SECONDS);
                out.write("id: 2\nevent: transition\ndata: {\"status\":\"DONE\"}\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        results.start();
        URI resultsUri = URI.create("http://127.0.0.1:" + results.getAddress().getPort());
        router = LocalRouter.start(RoutingTable.api(resultsUri, resultsUri).withPage(PageFiles.fromClasspath(PageFiles.CLASSPATH_ROOT)),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        secondEventAllowed.countDown();
        router.close();
        results.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/jobs", "/jobs/0b9f6a3e-6f1c-4c43-9d3b-2f1d7c8e9a10", "/jobs/x/y", "/index.html"})
    void everyPathOfThePageAnswersItsOneDocumentUncached(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.body()).isEqualTo(classpath("dashboard/index.html"));
    }

    @Test
    void scriptsAndStylesCarryTheTypesBrowsersRequire() throws Exception {
        HttpResponse<byte[]> script = get("/js/main.js");
        HttpResponse<byte[]> style = get("/css/dashboard.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(script.body()).isEqualTo(classpath("dashboard/js/main.js"));
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void aCurrentCopyIsRevalidatedWithA304() throws Exception {
        String etag = get("/js/api.js").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/js/api.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void headAnswersTheLengthWithoutTheBody() throws Exception {
        HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/css/dashboard.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(classpath("dashboard/css/dashboard.css").length);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void thePageIsReadOnly() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/jobs"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/metrics", "/js/missing.js", "/jobsx", "/admin"})
    void whatIsNeitherPageNorApiIsStillAProblem404(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo("https://hitorflop.io/problems/not-found");
    }

    @Test
    void theApiStaysTheApi() throws Exception {
        HttpResponse<byte[]> response = get("/v1/jobs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[]}");
    }

    @Test
    void eachEventOfTheStreamArrivesBeforeTheNextIsWritten() throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/jobs/7/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // the service holds the second event back until the first has crossed the router
            assertThat(events.readLine()).isEqualTo("id: 1");
            assertThat(events.readLine()).isEqualTo("event: transition");
            assertThat(events.readLine()).isEqualTo("data: {\"status\":\"QUEUED\"}");
            secondEventAllowed.countDown();
            assertThat(events.readLine()).isEmpty();
            assertThat(events.readLine()).isEqualTo("id: 2");
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(router.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] classpath(String resource) throws IOException {
        try (InputStream in = RouterPageTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}

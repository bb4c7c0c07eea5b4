package io.hitorflop.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.service.testing.RawHttp;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Framing on the wire, sent over raw sockets since an HTTP client would frame the requests correctly. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class RequestFramingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = "https://hitorflop.io/problems/";
    private static final String LINK_JOB = "{\"url\":\"http://127.0.0.1:9/song.mp3\"}";

    @TestHTTPResource("/")
    URL base;

    @Test
    void aStalledBodyIsA408ProblemWithinTheIdleTimeout() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"url\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            String head = RawHttp.readHead(socket.getInputStream());
            String body = new String(socket.getInputStream().readNBytes(RawHttp.contentLength(head)), StandardCharsets.UTF_8);

            // the test profile's hitorflop.http.body-idle-timeout is 2 s, sampled every 0.5 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(15));
            assertThat(head).startsWith("HTTP/1.1 408");
            assertThat(head.toLowerCase()).contains("content-type: application/problem+json", "connection: close");
            assertThat(JSON.readTree(body).get("type").asText()).isEqualTo(PROBLEMS + "request-timeout");
            assertThat(socket.getInputStream().read()).as("connection closed after the 408").isEqualTo(-1);
        }
    }

    /**
     * A large body is read by the endpoint on a worker while Vert.x holds the request paused, so the
     * request's end may not be seen until the answer: once the declared length has arrived, the
     * body has not stalled however long the work after it takes (a 100,000-row batch got a 408
     * while its jobs were being queued, and its 202 was lost).
     */
    @Test
    void aBodyThatArrivedWholeIsNotA408HoweverLongTheWorkAfterIt() throws Exception {
        byte[] body = new byte[1536 * 1024]; // under the test profile's 2M limit, far over the stream's input buffer
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test-only/slow-after-body HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();

            String head = RawHttp.readHead(socket.getInputStream());
            String answer = new String(socket.getInputStream().readNBytes(RawHttp.contentLength(head)), StandardCharsets.UTF_8);

            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(answer).isEqualTo(Integer.toString(body.length));
        }
    }

    @Test
    void aTransferCodingOtherThanChunkedIsA400Problem() throws Exception {
        for (String coding : new String[] {"xchunked", "gzip, chunked", "identity"}) {
            String head;
            String body;
            try (Socket socket = connect()) {
                socket.getOutputStream().write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: " + coding + "\r\n\r\n" + chunked(LINK_JOB)).getBytes(StandardCharsets.US_ASCII));
                head = RawHttp.readHead(socket.getInputStream());
                body = new String(socket.getInputStream().readNBytes(RawHttp.contentLength(head)), StandardCharsets.UTF_8);
            }

            assertThat(head).as(coding).startsWith("HTTP/1.1 400");
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.get("type").asText()).isEqualTo(PROBLEMS + "invalid-transfer-encoding");
        }
    }

    @Test
    void transferEncodingBesideContentLengthIsNeverAccepted() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: xchunked\r\nContent-Length: " + LINK_JOB.length() + "\r\n\r\n" + LINK_JOB)
                    .getBytes(StandardCharsets.US_ASCII));

            // Netty refuses the message and Vert.x closes the connection without an answer
            assertThat(RawHttp.readHead(socket.getInputStream())).doesNotStartWith("HTTP/1.1 2");
        }
    }

    @Test
    void chunkExtensionsAreAcceptedAndIgnored() throws Exception {
        String first = LINK_JOB.substring(0, 10);
        String rest = LINK_JOB.substring(10);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(first.length()) + ";name=value\r\n" + first + "\r\n"
                    + Integer.toHexString(rest.length()) + ";flag;q=\"quoted\"\r\n" + rest + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String head = RawHttp.readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 202");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }
}

package io.hitorflop.results.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on 127.0.0.1 (a free port): answers each path from a script of responses
 * (the last one repeats) and keeps every request it got.
 */
final class WebhookReceiver implements AutoCloseable {

    /** An answer: status and, when not null, a {@code Retry-After} header. */
    record Answer(int status, String retryAfter) {

        static Answer of(int status) {
            return new Answer(status, null);
        }
    }

    /** A request as received. */
    record Received(Instant at, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} answering with {@code answers} in turn, the last one for ever after. */
    String url(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        received.computeIfAbsent(path, ignored -> new CopyOnWriteArrayList<>()).add(new Received(Instant.now(), headers, body));
        Answer answer;
        Deque<Answer> script = scripts.get(path);
        synchronized (this) {
            answer = script == null ? Answer.of(404) : script.size() > 1 ? script.poll() : script.peek();
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

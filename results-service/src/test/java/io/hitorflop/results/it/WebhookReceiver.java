package io.hitorflop.results.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on 127.0.0.1 (a free port): answers each path from a script of responses
 * (the last one repeats) and keeps every request it got.
 */
final class WebhookReceiver implements AutoCloseable {

    /** An answer: status, when not null a {@code Retry-After} header, and how long to wait before answering. */
    record Answer(int status, String retryAfter, Duration delay) {

        Answer(int status, String retryAfter) {
            this(status, retryAfter, Duration.ZERO);
        }

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

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool()); // a slow answer must not hold up the others
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
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        try {
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException clientGone) {
            // the sender stopped waiting (its timeout); nothing to answer
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

package io.hitorflop.e2e.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that answers 204 and counts, per job, the distinct
 * {@code webhook-id}s it received and how many posts carried each: a retry keeps its id, so one id
 * per ended job is "exactly once", a second id for a job is a duplicate.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Set<String>> webhookIdsByJob = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> postsByWebhookId = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/hooks", this::receive);
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
    }

    /** Distinct webhook ids received for a job (its id as the body's {@code id}). */
    public Set<String> webhookIds(String jobId) {
        return webhookIdsByJob.getOrDefault(jobId, Set.of());
    }

    /** Posts that repeated an already received webhook id (retries after a lost answer; harmless). */
    public int redeliveries() {
        return postsByWebhookId.values().stream().mapToInt(count -> count.get() - 1).sum();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            String jobId = JSON.readTree(body).path("id").asText();
            if (webhookId != null && !jobId.isEmpty()) {
                webhookIdsByJob.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(webhookId);
                postsByWebhookId.computeIfAbsent(webhookId, id -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package io.hitorflop.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 (free port) standing in for the sites users link to. */
public final class RemoteSite implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public RemoteSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public RemoteSite file(String path, String type, Path file) {
        server.createContext(path, exchange -> answer(exchange, 200, type, Files.readAllBytes(file)));
        return this;
    }

    public RemoteSite text(String path, int status, String type, String body) {
        server.createContext(path, exchange -> answer(exchange, status, type, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** A page yt-dlp's generic extractor understands: an HTML5 audio element. */
    public RemoteSite pageWithAudio(String path, String audioPath) {
        return text(path, 200, "text/html; charset=utf-8", "<html><head><title>A song</title></head><body>"
                + "<audio controls src=\"" + audioPath + "\"></audio></body></html>");
    }

    /**
     * A page that answers the service's own client at once but keeps yt-dlp (any other
     * User-Agent) waiting for {@code stallMillis}, to run into the yt-dlp time limit.
     */
    public RemoteSite pageStallingYtDlp(String path, long stallMillis) {
        server.createContext(path, exchange -> {
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (agent == null || !agent.startsWith("HitOrFlop")) {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange, 200, "text/html", "<html><body><audio src=\"/song.wav\"></audio></body></html>"
                    .getBytes(StandardCharsets.UTF_8));
        });
        return this;
    }

    /**
     * A page that looks harmless to the service's own client but redirects yt-dlp (any other
     * User-Agent) to {@code location}: the attack the guarded proxy exists for.
     */
    public RemoteSite pageRedirectingYtDlp(String path, String location) {
        server.createContext(path, exchange -> {
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (agent != null && agent.startsWith("HitOrFlop")) {
                answer(exchange, 200, "text/html", "<html><body><audio src=\"/song.wav\"></audio></body></html>"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return this;
    }

    public RemoteSite redirect(String path, String location) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        requests.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.hitorflop.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP listener on 127.0.0.2, the stand-in for an internal service, that counts every connection
 * made to it (any protocol: plain HTTP and TLS tunnels alike). The tests never allow-list it.
 */
public final class Canary implements AutoCloseable {

    private final ServerSocket listener;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

    public Canary() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        Thread acceptor = new Thread(this::accept, "canary");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return "http://127.0.0.2:" + port() + path;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * The connections made so far by others. A marker connection of our own is queued behind any
     * connection already made, so waiting for it to be accepted leaves none uncounted.
     */
    public int connectionsSoFar() throws IOException, InterruptedException {
        int others = 0;
        try (Socket marker = new Socket(listener.getInetAddress(), port())) {
            while (true) {
                Socket next = accepted.poll(10, TimeUnit.SECONDS);
                if (next == null) {
                    throw new AssertionError("the canary did not accept its own marker connection");
                }
                try (next) {
                    if (next.getPort() == marker.getLocalPort()) {
                        return others;
                    }
                    others++;
                }
            }
        }
    }

    private void accept() {
        try {
            while (true) {
                accepted.add(listener.accept());
            }
        } catch (SocketException closed) {
            // close() ends the loop.
        } catch (IOException broken) {
            throw new UncheckedIOException(broken);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

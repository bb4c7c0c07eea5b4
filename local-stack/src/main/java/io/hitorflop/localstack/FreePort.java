package io.hitorflop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The project's one free-port picker: TCP ports free now on every address, chosen below the kernel's
 * ephemeral range.
 * <p>
 * Why not {@code bind(0)}: that hands out a port from the ephemeral range, the same range the kernel
 * draws from for the local end of every outgoing connection. Between the pick and the server's own
 * bind (seconds, for a JVM service) any client on the machine can take it; CI saw inference lose its
 * port to one of the stack's own Kafka connections 9 s after the pick. Below the range only an explicit
 * bind takes a port, and the random start keeps two launchers picking at once apart.
 */
public final class FreePort {

    public static final String LOOPBACK = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    /** Above the registered ports most daemons use by default (PostgreSQL 5432, 8080, 9092 ...). */
    static final int LOWEST = 10_000;
    /** Linux's default lower bound of {@code net.ipv4.ip_local_port_range}. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    public static int pick() {
        return distinct(1)[0];
    }

    /** Ports free now and distinct from each other: every probe socket stays open until all ports are known. */
    public static int[] distinct(int count) {
        return distinct(count, LOWEST + ThreadLocalRandom.current().nextInt(ephemeralLow() - LOWEST));
    }

    /** Scans upwards from {@code firstCandidate}, wrapping round to {@link #LOWEST} at the ephemeral range. */
    static int[] distinct(int count, int firstCandidate) {
        int end = ephemeralLow();
        List<ServerSocket> held = new ArrayList<>();
        try {
            int span = end - LOWEST;
            for (int step = 0; step < span && held.size() < count; step++) {
                bound(LOWEST + (firstCandidate - LOWEST + step) % span).ifPresent(held::add);
            }
            if (held.size() < count) {
                throw new UncheckedIOException(new IOException(
                        "fewer than " + count + " free ports between " + LOWEST + " and " + end));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way once the socket object is gone
                }
            }
        }
    }

    /** True when something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isTaken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel may give an outgoing connection; ports below it are handed out only on request. */
    static int ephemeralLow() {
        try {
            int low = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException notLinux) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    /** A socket bound to {@code port} on the wildcard address, so a listener on any address counts as taken. */
    private static Optional<ServerSocket> bound(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(port), 1);
            return Optional.of(socket);
        } catch (IOException taken) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // never bound: nothing to release
                }
            }
            return Optional.empty();
        }
    }

    private FreePort() {
    }
}

package io.hitorflop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Asks the OS for a currently free TCP port on 127.0.0.1. */
final class FreePort {

    static final String LOOPBACK = "127.0.0.1";

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    private FreePort() {
    }
}

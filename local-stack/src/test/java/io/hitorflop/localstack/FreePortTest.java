package io.hitorflop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void picksDistinctBindablePortsBelowTheEphemeralRange() throws IOException {
        int[] ports = FreePort.distinct(40);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(40);
        assertThat(Arrays.stream(ports).min().getAsInt()).isGreaterThanOrEqualTo(FreePort.LOWEST);
        assertThat(Arrays.stream(ports).max().getAsInt()).isLessThan(FreePort.ephemeralLow());
        for (int port : ports) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(FreePort.LOOPBACK, port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void wrapsRoundBelowTheEphemeralRange() {
        int[] ports = FreePort.distinct(3, FreePort.ephemeralLow() - 1);

        assertThat(Arrays.stream(ports).min().getAsInt()).isGreaterThanOrEqualTo(FreePort.LOWEST);
        assertThat(Arrays.stream(ports).max().getAsInt()).isLessThan(FreePort.ephemeralLow());
    }

    @Test
    void neverPicksAPortSomethingListensOn() throws IOException {
        try (ServerSocket listener = new ServerSocket(FreePort.pick(), 1, java.net.InetAddress.getByName(FreePort.LOOPBACK))) {
            int taken = listener.getLocalPort();

            assertThat(FreePort.distinct(3, taken)).doesNotContain(taken);
            assertThat(FreePort.isTaken(taken)).isTrue();
        }
    }
}

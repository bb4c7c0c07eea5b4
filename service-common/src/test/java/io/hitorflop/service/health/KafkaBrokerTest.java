package io.hitorflop.service.health;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that does not answer is reported within the deadline; answers are reused for a moment. */
class KafkaBrokerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final MutableClock clock = new MutableClock();
    private KafkaBroker broker;

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsUnreachableWithinTheDeadline() throws IOException {
        broker = brokerAt(closedPort());

        long started = System.nanoTime();
        KafkaBroker.Reachability answer = broker.reachability();

        assertThat(answer.reachable()).isFalse();
        assertThat(answer.detail()).containsIgnoringCase("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @Test
    void anAnswerIsReusedForItsCacheTimeThenAskedAgain() throws IOException {
        broker = brokerAt(closedPort());
        KafkaBroker.Reachability first = broker.reachability();

        clock.advance(Duration.ofMillis(999));
        assertThat(broker.reachability()).isSameAs(first);

        clock.advance(Duration.ofMillis(1));
        KafkaBroker.Reachability second = broker.reachability();
        assertThat(second).isNotSameAs(first);
        assertThat(second.at()).isEqualTo(first.at().plusSeconds(1));
    }

    @Test
    void theAdminClientGetsTheSharedSettingsAndShortDeadlines() {
        Map<String, Object> settings = KafkaBroker.adminSettings(Map.of("bootstrap.servers", "broker:9092",
                "security.protocol", "SSL", "group.id", "a-consumer-setting"), TIMEOUT);

        assertThat(settings).containsEntry("bootstrap.servers", "broker:9092").containsEntry("security.protocol", "SSL")
                .containsEntry("request.timeout.ms", 500).containsEntry("default.api.timeout.ms", 500)
                .doesNotContainKey("group.id");
    }

    private KafkaBroker brokerAt(int port) {
        return new KafkaBroker(() -> Admin.create(KafkaBroker.adminSettings(
                Map.of("bootstrap.servers", "127.0.0.1:" + port), TIMEOUT)), TIMEOUT, Duration.ofSeconds(1), clock);
    }

    /** A port nothing listens on: the OS hands one out, and the socket is closed at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-05T03:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

package io.hitorflop.service.messaging;

import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomePublisherTest {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    private final List<Record<String, ?>> verdicts = new ArrayList<>();
    private final List<Record<String, ?>> failures = new ArrayList<>();

    @Test
    void theStagesResultGoesToItsChannelKeyedByJobId() {
        UUID jobId = UUID.randomUUID();
        VerdictReady verdict = VerdictReady.of(jobId, "spotify", "v1", null);

        publisher(acknowledging(verdicts), ACK_TIMEOUT).publish(verdict);

        assertThat(verdicts).singleElement().satisfies(sent -> {
            assertThat(sent.key()).isEqualTo(jobId.toString());
            assertThat(sent.value()).isSameAs(verdict);
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void aFailureGoesToTheFailureChannelKeyedByJobId() {
        UUID jobId = UUID.randomUUID();
        JobFailed failed = JobFailed.of(jobId, "inference-service", "https://hitorflop.io/problems/x", "reason");

        publisher(acknowledging(verdicts), ACK_TIMEOUT).publish(failed);

        assertThat(failures).singleElement().satisfies(sent -> {
            assertThat(sent.key()).isEqualTo(jobId.toString());
            assertThat(sent.value()).isSameAs(failed);
        });
        assertThat(verdicts).isEmpty();
    }

    @Test
    void anotherStagesEventIsNotPublished() {
        AudioReady notAnOutcome = AudioReady.of(UUID.randomUUID(), "ref", 1000);

        assertThatThrownBy(() -> publisher(acknowledging(verdicts), ACK_TIMEOUT).publish(notAnOutcome))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VerdictReady and JobFailed");
        assertThat(verdicts).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void anOutcomeTheBrokerNeverAcknowledgesFailsThePublish() {
        MutinyEmitter<Record<String, VerdictReady>> silent = emitter(record -> Uni.createFrom().nothing());

        assertThatThrownBy(() -> publisher(silent, Duration.ofMillis(50))
                .publish(VerdictReady.of(UUID.randomUUID(), "spotify", "v1", null)))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void aBatchGoesToBothChannelsAndWaitsForEveryAcknowledgement() {
        VerdictReady verdict = VerdictReady.of(UUID.randomUUID(), "spotify", "v1", null);
        JobFailed failed = JobFailed.of(UUID.randomUUID(), "inference-service", "https://hitorflop.io/problems/x", "r");

        publisher(acknowledging(verdicts), ACK_TIMEOUT).publishAll(List.of(verdict, failed));

        assertThat(verdicts).extracting(sent -> (Object) sent.value()).containsExactly(verdict);
        assertThat(failures).extracting(sent -> (Object) sent.value()).containsExactly(failed);
    }

    @Test
    void aBatchWithOneUnacknowledgedOutcomeFailsThePublish() {
        List<Record<String, ?>> acknowledged = new ArrayList<>();
        MutinyEmitter<Record<String, VerdictReady>> secondNeverAcknowledged = emitter(record -> {
            acknowledged.add(record);
            return acknowledged.size() == 2 ? Uni.createFrom().nothing() : Uni.createFrom().voidItem();
        });

        assertThatThrownBy(() -> publisher(secondNeverAcknowledged, Duration.ofMillis(50)).publishAll(List.of(
                VerdictReady.of(UUID.randomUUID(), "spotify", "v1", null),
                VerdictReady.of(UUID.randomUUID(), "spotify", "v1", null),
                VerdictReady.of(UUID.randomUUID(), "spotify", "v1", null))))
                .isInstanceOf(TimeoutException.class);
        assertThat(acknowledged).hasSize(3);
    }

    @Test
    void aBatchWithAnotherStagesEventSendsNothing() {
        assertThatThrownBy(() -> publisher(acknowledging(verdicts), ACK_TIMEOUT).publishAll(List.of(
                VerdictReady.of(UUID.randomUUID(), "spotify", "v1", null), AudioReady.of(UUID.randomUUID(), "ref", 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(verdicts).isEmpty();
    }

    private OutcomePublisher<VerdictReady> publisher(MutinyEmitter<Record<String, VerdictReady>> results,
                                                     Duration ackTimeout) {
        return new OutcomePublisher<>(VerdictReady.class, results, acknowledging(failures), ackTimeout);
    }

    private static <T> MutinyEmitter<Record<String, T>> acknowledging(List<Record<String, ?>> sent) {
        return emitter(record -> {
            sent.add(record);
            return Uni.createFrom().voidItem();
        });
    }

    /** An emitter whose send answers with {@code ack}; the publisher uses nothing else of it. */
    @SuppressWarnings("unchecked")
    private static <T> MutinyEmitter<Record<String, T>> emitter(
            java.util.function.Function<Record<String, ?>, Uni<Void>> ack) {
        return (MutinyEmitter<Record<String, T>>) Proxy.newProxyInstance(OutcomePublisherTest.class.getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && args.length == 1 && args[0] instanceof Record<?, ?> record) {
                        return ack.apply((Record<String, ?>) record);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

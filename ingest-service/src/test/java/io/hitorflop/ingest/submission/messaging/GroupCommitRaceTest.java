package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.ingest.config.IngestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instant a caller gives up while its group's records are being written, played with Kafka's
 * MockProducer whose flush waits for the test: the group is aborted and committed again without it.
 */
class GroupCommitRaceTest {

    /** A producer whose first flush holds until released, so the test can act while a transaction is written. */
    static final class GatedProducer extends MockProducer<String, JobEvent> {
        final CountDownLatch flushing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedProducer() {
            super(true, null, new StringSerializer(), (topic, event) -> new byte[0]);
        }

        @Override
        public void flush() {
            flushing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.flush();
        }
    }

    @Test
    void aCallerThatGivesUpWhileItsGroupIsWrittenIsLeftOutAndTheOthersAreCommitted() throws Exception {
        GatedProducer mock = new GatedProducer();
        TransactionOutcomes outcomes = new TransactionOutcomes(Clock.systemUTC(), Duration.ofMinutes(10), 1_000);
        JobEventPublisher publisher = new JobEventPublisher(new RecoveringTransactionalProducer<>(() -> mock,
                Clock.systemUTC(), outcomes), outcomes, config(Duration.ofMillis(300)), new SimpleMeterRegistry());
        UUID givingUp = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        AtomicReference<Throwable> givingUpGot = new AtomicReference<>();
        Thread givingUpCaller = new Thread(() -> {
            try {
                publisher.publish(accepted(givingUp));
            } catch (RuntimeException e) {
                givingUpGot.set(e);
            }
        });
        try {
            givingUpCaller.start();
            CompletableFuture<Void> stayingCall = CompletableFuture.runAsync(() -> publisher.publish(accepted(staying)));
            // both wait in one group (the first lingers 300 ms for the second), now being written
            assertThat(mock.flushing.await(10, TimeUnit.SECONDS)).isTrue();

            givingUpCaller.interrupt();
            givingUpCaller.join(10_000);
            mock.release.countDown();
            stayingCall.get(10, TimeUnit.SECONDS);

            assertThat(givingUpGot.get()).isInstanceOf(EventNotPublishedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(mock.commitCount()).isEqualTo(1);
            assertThat(mock.history()).extracting(ProducerRecord::key).containsExactly(staying.toString());
        } finally {
            mock.release.countDown();
            publisher.stop();
        }
    }

    private static JobEvent accepted(UUID jobId) {
        return JobAccepted.of(jobId, JobSource.FEATURE_VECTOR, "spotify", null, "test", null);
    }

    private static IngestConfig config(Duration linger) {
        IngestConfig.Transactions transactions = settings(IngestConfig.Transactions.class,
                Map.of("maxEvents", 500, "linger", linger));
        return settings(IngestConfig.class, Map.of("publishTimeout", Duration.ofSeconds(10), "transactions", transactions));
    }

    /** An implementation of a config interface answering {@code values} by method name, and nothing else. */
    @SuppressWarnings("unchecked")
    private static <T> T settings(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(GroupCommitRaceTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}

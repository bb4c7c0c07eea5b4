package io.hitorflop.service.messaging;

import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes the outcome of a pipeline stage for one job — its result event or a {@link JobFailed}
 * — keyed by job id, and waits for the broker's acknowledgement. The consumer acknowledges its own
 * record only after this returns, which makes delivery at-least-once; a missing acknowledgement
 * throws, so the consumer retries the record and finally dead-letters it.
 *
 * @param <T> the stage's result event, e.g. {@code FeaturesReady} or {@code VerdictReady}
 */
public final class OutcomePublisher<T extends JobEvent> {

    private final Class<T> resultType;
    private final MutinyEmitter<Record<String, T>> results;
    private final MutinyEmitter<Record<String, JobFailed>> failures;
    private final Duration ackTimeout;

    /**
     * @param results    the channel of the stage's result events
     * @param failures   the channel of {@link JobFailed} events
     * @param ackTimeout how long to wait for the broker's acknowledgement
     */
    public OutcomePublisher(Class<T> resultType, MutinyEmitter<Record<String, T>> results,
                            MutinyEmitter<Record<String, JobFailed>> failures, Duration ackTimeout) {
        this.resultType = resultType;
        this.results = results;
        this.failures = failures;
        this.ackTimeout = ackTimeout;
    }

    /**
     * @throws IllegalArgumentException when the outcome is neither the stage's result nor a failure
     * @throws io.smallrye.mutiny.TimeoutException when the broker does not acknowledge in time
     */
    public void publish(JobEvent outcome) {
        publishAll(List.of(outcome));
    }

    /**
     * Sends all outcomes at once and waits until the broker has acknowledged every one, so a batch
     * costs one round trip instead of one per outcome. Callers keep a batch within the emitters'
     * buffer ({@code mp.messaging.emitter.default-buffer-size}, 128).
     *
     * @throws IllegalArgumentException when an outcome is neither the stage's result nor a failure (nothing is sent)
     * @throws io.smallrye.mutiny.TimeoutException when the broker does not acknowledge all in time
     */
    public void publishAll(List<? extends JobEvent> outcomes) {
        List<Supplier<Uni<Void>>> sends = outcomes.stream().map(this::sending).toList();
        if (sends.isEmpty()) {
            return;
        }
        Uni.join().all(sends.stream().map(Supplier::get).toList()).andFailFast().await().atMost(ackTimeout);
    }

    private Supplier<Uni<Void>> sending(JobEvent outcome) {
        String key = outcome.jobId().toString();
        if (resultType.isInstance(outcome)) {
            return () -> results.send(Record.of(key, resultType.cast(outcome)));
        }
        if (outcome instanceof JobFailed failure) {
            return () -> failures.send(Record.of(key, failure));
        }
        throw new IllegalArgumentException("this stage publishes " + resultType.getSimpleName()
                + " and JobFailed, not " + outcome);
    }
}

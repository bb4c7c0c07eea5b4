package io.hitorflop.service.messaging;

import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

import java.time.Duration;

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
        String key = outcome.jobId().toString();
        if (resultType.isInstance(outcome)) {
            results.send(Record.of(key, resultType.cast(outcome))).await().atMost(ackTimeout);
        } else if (outcome instanceof JobFailed failure) {
            failures.send(Record.of(key, failure)).await().atMost(ackTimeout);
        } else {
            throw new IllegalArgumentException("this stage publishes " + resultType.getSimpleName()
                    + " and JobFailed, not " + outcome);
        }
    }
}

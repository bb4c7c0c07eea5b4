package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.events.JobEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One caller's events (one job step) waiting for a group commit. Its caller and the transaction
 * thread race for it with one compare-and-set: either the caller gives up first ({@link #abandon()})
 * and the events are never committed, or the transaction thread claims it for the commit
 * ({@link #claim()}) and the caller waits for that commit's outcome, which the producer's
 * {@code max.block.ms} bounds. So a caller that was told its job failed never sees it published.
 */
final class PendingPublication {

    private enum State { WAITING, COMMITTING, ABANDONED }

    private final List<JobEvent> events;
    private final List<ProducerRecord<String, JobEvent>> records;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    PendingPublication(List<JobEvent> events, List<ProducerRecord<String, JobEvent>> records) {
        this.events = events;
        this.records = records;
    }

    List<JobEvent> events() {
        return events;
    }

    List<ProducerRecord<String, JobEvent>> records() {
        return records;
    }

    /** The caller stops waiting; false when the commit already has the events (then wait for {@link #outcome()}). */
    boolean abandon() {
        return state.compareAndSet(State.WAITING, State.ABANDONED);
    }

    boolean abandoned() {
        return state.get() == State.ABANDONED;
    }

    /** The transaction is about to commit these events; false when the caller gave up. */
    boolean claim() {
        return state.compareAndSet(State.WAITING, State.COMMITTING);
    }

    /** The commit did not happen (another member of its group was abandoned): the events wait again. */
    void release() {
        state.compareAndSet(State.COMMITTING, State.WAITING);
    }

    CompletableFuture<Void> outcome() {
        return outcome;
    }
}

package io.hitorflop.launcher.analyze.catalogue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asks for a batch's status until it is COMPLETE: at once, then after a pause that grows from
 * {@link #FIRST_INTERVAL} by half each time up to {@link #LONGEST_INTERVAL} (a small batch is seen
 * complete quickly; a catalogue of 100,000 rows costs the server one request a second). A 404 in
 * the first {@link #UNKNOWN_BATCH_GRACE} is waited out: results-service learns of a batch from
 * Kafka, a moment after ingest's 202.
 */
final class BatchPoller {

    static final Duration FIRST_INTERVAL = Duration.ofMillis(200);
    static final Duration LONGEST_INTERVAL = Duration.ofSeconds(1);
    static final Duration UNKNOWN_BATCH_GRACE = Duration.ofSeconds(30);

    /** One {@code GET /v1/batches/{id}}. */
    @FunctionalInterface
    interface StatusSource {
        BatchStatus status() throws IOException, InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;

    BatchPoller(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Each status read goes to {@code onStatus}; the COMPLETE one is returned, or nothing when {@code deadline} passes first. */
    Optional<BatchStatus> untilComplete(StatusSource source, Consumer<BatchStatus> onStatus, Instant deadline)
            throws IOException, InterruptedException {
        Instant unknownUntil = clock.instant().plus(UNKNOWN_BATCH_GRACE);
        Duration interval = FIRST_INTERVAL;
        while (true) {
            try {
                BatchStatus batch = source.status();
                onStatus.accept(batch);
                if (batch.complete()) {
                    return Optional.of(batch);
                }
            } catch (BatchProblem problem) {
                if (problem.status() != 404 || !clock.instant().isBefore(unknownUntil)) {
                    throw problem;
                }
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.empty();
            }
            sleeper.sleep(interval);
            interval = longest(interval.multipliedBy(3).dividedBy(2));
        }
    }

    private static Duration longest(Duration interval) {
        return interval.compareTo(LONGEST_INTERVAL) > 0 ? LONGEST_INTERVAL : interval;
    }
}

package io.hitorflop.ingest.submission.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventsLivenessCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void anIdleOrWorkingProducerIsAlive() {
        assertThat(JobEventsLivenessCheck.unrecoverable(Optional.empty(), Optional.empty(), () -> true, NOW, LIMIT)).isEmpty();
        assertThat(JobEventsLivenessCheck.unrecoverable(Optional.of(NOW.minusSeconds(20)), Optional.empty(), () -> true,
                NOW, LIMIT)).isEmpty();
    }

    @Test
    void aTransactionRunningLongerThanAnyOfItsDeadlinesIsDead() {
        assertThat(JobEventsLivenessCheck.unrecoverable(Optional.of(NOW.minus(LIMIT).minusSeconds(1)), Optional.empty(),
                () -> true, NOW, LIMIT)).hasValueSatisfying(reason -> assertThat(reason).contains("running since"));
    }

    @Test
    void failingWhileTheBrokerIsDownIsNoReasonToRestart() {
        Optional<Instant> longAgo = Optional.of(NOW.minus(LIMIT.multipliedBy(3)));

        assertThat(JobEventsLivenessCheck.unrecoverable(Optional.empty(), longAgo, () -> false, NOW, LIMIT)).isEmpty();
        assertThat(JobEventsLivenessCheck.unrecoverable(Optional.empty(), longAgo, () -> true, NOW, LIMIT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("although the broker answers"));
    }

    @Test
    void aShortRunOfFailuresIsNotYetDead() {
        assertThat(JobEventsLivenessCheck.unrecoverable(Optional.empty(), Optional.of(NOW.minusSeconds(30)), () -> true,
                NOW, LIMIT)).isEmpty();
    }
}

package io.hitorflop.results.webhook.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(5),
            new Random(42));

    @Test
    void eachWaitLiesBetweenHalfAndAllOfTheDoubledDelay() {
        long[] ceilings = {10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000};
        for (int failed = 1; failed <= ceilings.length; failed++) {
            for (int draw = 0; draw < 200; draw++) {
                long wait = schedule.delayAfter(failed).toMillis();
                assertThat(wait).as("wait after failure %d", failed)
                        .isBetween(ceilings[failed - 1] / 2, ceilings[failed - 1]);
            }
        }
    }

    @Test
    void waitsAreSpreadNotFixed() {
        Set<Long> waits = new HashSet<>();
        for (int draw = 0; draw < 50; draw++) {
            waits.add(schedule.delayAfter(3).toMillis());
        }
        assertThat(waits).hasSizeGreaterThan(40);
    }

    @Test
    void aHugeAttemptCountStaysAtTheMaximum() {
        assertThat(schedule.delayAfter(10_000)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }

    @Test
    void refusesAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

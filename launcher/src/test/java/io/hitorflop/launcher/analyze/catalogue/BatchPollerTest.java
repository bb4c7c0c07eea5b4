package io.hitorflop.launcher.analyze.catalogue;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The polling loop on a clock that moves only when the loop sleeps: no real waiting. */
class BatchPollerTest {

    private static final Instant START = Instant.parse("2026-12-05T07:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Instant> askedAt = new ArrayList<>();
    private final BatchPoller poller = new BatchPoller(clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    @Test
    void pollsUntilCompleteWithAPauseGrowingToOneSecond() throws Exception {
        List<BatchStatus> seen = new ArrayList<>();
        Iterator<BatchStatus> answers = List.of(running(0), running(1), running(2), running(3), running(4), running(5),
                running(6), complete()).iterator();

        Optional<BatchStatus> complete = poller.untilComplete(() -> {
            askedAt.add(clock.instant());
            return answers.next();
        }, seen::add, START.plus(Duration.ofMinutes(1)));

        assertThat(complete).contains(complete());
        assertThat(seen).hasSize(8).last().isEqualTo(complete());
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(200L, 300L, 450L, 675L, 1000L, 1000L, 1000L);
        assertThat(askedAt.get(0)).isEqualTo(START);
    }

    @Test
    void theDeadlineEndsTheLoopWithoutAStatus() throws Exception {
        Optional<BatchStatus> complete = poller.untilComplete(() -> running(0), status -> { }, START.plus(Duration.ofSeconds(10)));

        assertThat(complete).isEmpty();
        assertThat(clock.instant()).isBetween(START.plus(Duration.ofSeconds(10)), START.plus(Duration.ofSeconds(11)));
    }

    @Test
    void aBatchResultsHasNotReadYetIsWaitedFor() throws Exception {
        Iterator<Integer> statuses = List.of(404, 404, 200).iterator();

        Optional<BatchStatus> complete = poller.untilComplete(() -> {
            if (statuses.next() == 404) {
                throw problem(404);
            }
            return complete();
        }, status -> { }, START.plus(Duration.ofMinutes(1)));

        assertThat(complete).contains(complete());
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aBatchStillUnknownAfterTheGraceOrARefusalEndsTheLoop() {
        assertThatThrownBy(() -> poller.untilComplete(() -> {
            throw problem(404);
        }, status -> { }, START.plus(Duration.ofHours(1))))
                .isInstanceOf(BatchProblem.class);
        assertThat(clock.instant()).isAfterOrEqualTo(START.plus(BatchPoller.UNKNOWN_BATCH_GRACE));

        sleeps.clear();
        assertThatThrownBy(() -> poller.untilComplete(() -> {
            throw problem(401);
        }, status -> { }, START.plus(Duration.ofHours(1))))
                .isInstanceOf(BatchProblem.class).hasMessageContaining("HTTP 401");
        assertThat(sleeps).isEmpty();
    }

    private static BatchProblem problem(int status) {
        return BatchProblem.of(status, HttpHeaders.of(Map.of(), (name, value) -> true), "{\"title\":\"t\",\"status\":" + status + "}");
    }

    private static BatchStatus running(long done) {
        return new BatchStatus("b", "RUNNING", 10, 10, 0, done, done / 10.0, Map.of(), 0, "");
    }

    private static BatchStatus complete() {
        return new BatchStatus("b", "COMPLETE", 10, 10, 0, 10, 1, Map.of("DONE", 10L), 0, "");
    }
}

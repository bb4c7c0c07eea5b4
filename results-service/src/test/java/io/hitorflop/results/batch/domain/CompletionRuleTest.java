package io.hitorflop.results.batch.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionRuleTest {

    private static final Duration ROWS_LOST_AFTER = Duration.ofMinutes(10);
    private static final Instant NOW = Instant.parse("2026-12-05T22:00:00Z");
    private static final Instant QUIET_LONG_ENOUGH = NOW.minus(ROWS_LOST_AFTER);
    private static final Instant JUST_READ = NOW.minus(ROWS_LOST_AFTER).plusMillis(1);

    private final CompletionRule rule = new CompletionRule(ROWS_LOST_AFTER);

    @Test
    void aBatchWhoseRowsAreAllReadAndFinalIsCompleteWithNothingLost() {
        Batch batch = running(5, 4, 1, Map.of("DONE", 3, "FAILED", 1), 5, JUST_READ);

        assertThat(rule.check(batch, NOW, true)).isEqualTo(new CompletionRule.Outcome(true, 0));
        assertThat(rule.check(batch, NOW, false)).as("nothing is lost: no need to wait for the catch-up")
                .isEqualTo(new CompletionRule.Outcome(true, 0));
    }

    @Test
    void aBatchWithAJobNotFinishedRuns() {
        Batch batch = running(5, 5, 0, Map.of("DONE", 4, "FEATURES_READY", 1), 5, QUIET_LONG_ENOUGH);

        assertThat(rule.check(batch, NOW, true).complete()).isFalse();
    }

    @Test
    void missingRowsAreLostOnceNothingWasReadForTheWholeWait() {
        Batch batch = running(5, 5, 0, Map.of("DONE", 3), 3, QUIET_LONG_ENOUGH);

        assertThat(rule.check(batch, NOW, true)).isEqualTo(new CompletionRule.Outcome(true, 2));
    }

    @Test
    void aBatchStillReceivingRowsRuns() {
        Batch batch = running(5, 5, 0, Map.of("DONE", 3), 3, JUST_READ);

        assertThat(rule.check(batch, NOW, true).complete()).isFalse();
    }

    @Test
    void missingRowsAreNotLostBeforeTheRowsWaitingAtStartAreRead() {
        Batch batch = running(5, 5, 0, Map.of("DONE", 3), 3, QUIET_LONG_ENOUGH);

        assertThat(rule.check(batch, NOW, false).complete()).isFalse();
    }

    @Test
    void missingRowsWaitForTheJobsOfTheRowsThatCame() {
        Batch batch = running(5, 5, 0, Map.of("DONE", 2, "QUEUED", 1), 3, QUIET_LONG_ENOUGH);

        assertThat(rule.check(batch, NOW, true).complete()).isFalse();
    }

    @Test
    void rejectedRowsWhoseReportNeverCameAreLostToo() {
        // every accepted row done, the report of the 2 refused rows never read
        Batch batch = running(6, 4, 2, Map.of("DONE", 4), 4, QUIET_LONG_ENOUGH);

        assertThat(rule.check(batch, NOW, true)).isEqualTo(new CompletionRule.Outcome(true, 2));
        assertThat(rule.check(running(6, 4, 2, Map.of("DONE", 4), 4, JUST_READ), NOW, true).complete())
                .as("the report may still come").isFalse();
    }

    @Test
    void aCompleteBatchIsNotCompletedAgain() {
        Batch batch = new Batch(UUID.randomUUID(), null, BatchStatus.COMPLETE, 5, 5, 0, List.of(), null, false,
                counts(Map.of("DONE", 3)), 3, QUIET_LONG_ENOUGH, 2, NOW, NOW);

        assertThat(rule.check(batch, NOW, true).complete()).isFalse();
    }

    @Test
    void unreadAcceptedRowsAreQueuedWhileRunningAndLostOnceComplete() {
        Batch runningBatch = running(5, 5, 0, Map.of("DONE", 3), 3, JUST_READ);
        Batch completed = new Batch(runningBatch.id(), null, BatchStatus.COMPLETE, 5, 5, 0, List.of(), null, false,
                counts(Map.of("DONE", 3)), 3, QUIET_LONG_ENOUGH, 2, NOW, NOW);

        assertThat(runningBatch.counts()).containsEntry("QUEUED", 2).containsEntry("DONE", 3);
        assertThat(runningBatch.progress()).isEqualTo(0.6);
        assertThat(completed.counts()).containsEntry("QUEUED", 0).containsEntry("DONE", 3);
        assertThat(completed.progress()).isEqualTo(1.0);
        assertThat(CompletionRule.lostDetail(2, 5)).isEqualTo("2 of 5 rows never reached the results: ingest stopped "
                + "while queueing this batch, or a row could not be stored (hitorflop.batch-rows.dlq); the results "
                + "list every row that did; submit the others again");
    }

    private static Batch running(int rows, int accepted, int rejected, Map<String, Integer> readCounts, int rowsRead,
                                 Instant rowsReadAt) {
        return new Batch(UUID.randomUUID(), null, BatchStatus.RUNNING, rows, accepted, rejected, List.of(), null, false,
                counts(readCounts), rowsRead, rowsReadAt, 0, NOW.minus(Duration.ofHours(1)), null);
    }

    private static Map<String, Integer> counts(Map<String, Integer> some) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String status : List.of("QUEUED", "AUDIO_READY", "FEATURES_READY", "DONE", "FAILED")) {
            counts.put(status, some.getOrDefault(status, 0));
        }
        return counts;
    }
}

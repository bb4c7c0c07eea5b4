package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.ingest.submission.messaging.HangingTransactionRepair.Closing;
import io.hitorflop.ingest.submission.messaging.TransactionOutcomes.Outcome;
import io.hitorflop.ingest.submission.messaging.TransactionOutcomes.Write;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HangingTransactionRepairTest {

    private static final TopicPartition ACCEPTED_3 = new TopicPartition("hitorflop.jobs.accepted", 3);

    @Test
    void aTransactionThisInstanceCommittedIsClosedAsCommitted() {
        assertThat(HangingTransactionRepair.closingOf(Optional.of(ended(Outcome.COMMITTED)))).isEqualTo(Closing.AS_COMMITTED);
    }

    @Test
    void aTransactionThisInstanceAbortedIsAborted() {
        assertThat(HangingTransactionRepair.closingOf(Optional.of(ended(Outcome.ABORTED)))).isEqualTo(Closing.AS_ABORTED);
    }

    @Test
    void anUnknownEndIsClosedAsCommittedSoNoJobAnswered202IsLost() {
        assertThat(HangingTransactionRepair.closingOf(Optional.empty())).isEqualTo(Closing.AS_COMMITTED);
    }

    private static Write ended(Outcome outcome) {
        return new Write(ACCEPTED_3, 21, 21, Set.of("job-1"), outcome, Instant.parse("2026-12-05T18:06:00Z"));
    }
}

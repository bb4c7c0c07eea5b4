package io.hitorflop.ingest.submission.messaging;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HangingTransactionTest {

    private static final long OWN = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.parse("2026-12-05T18:10:00Z");
    private static final TopicPartition ACCEPTED_3 = new TopicPartition("hitorflop.jobs.accepted", 3);
    private static final TopicPartition AUDIO_3 = new TopicPartition("hitorflop.audio.ready", 3);

    @Test
    void anOpenTransactionOfItsOwnProducerOlderThanTheTimeOutAndNotOngoingIsHanging() {
        ProducerState open = open(OWN, 21, NOW.minus(TIMEOUT).minusMillis(1));

        List<HangingTransaction> found = HangingTransaction.find(OWN, List.of(), Map.of(ACCEPTED_3, List.of(open)), NOW, TIMEOUT);

        assertThat(found).containsExactly(new HangingTransaction(ACCEPTED_3, OWN, (short) 73, OptionalInt.of(0), 21,
                NOW.minus(TIMEOUT).minusMillis(1)));
    }

    @Test
    void aTransactionNotOlderThanTheTimeOutMayStillBeRunning() {
        ProducerState open = open(OWN, 21, NOW.minus(TIMEOUT));

        assertThat(HangingTransaction.find(OWN, List.of(), Map.of(ACCEPTED_3, List.of(open)), NOW, TIMEOUT)).isEmpty();
    }

    @Test
    void aPartitionOfTheCoordinatorsOngoingTransactionIsNotHanging() {
        ProducerState open = open(OWN, 21, NOW.minus(Duration.ofMinutes(5)));

        assertThat(HangingTransaction.find(OWN, List.of(ACCEPTED_3), Map.of(ACCEPTED_3, List.of(open)), NOW, TIMEOUT)).isEmpty();
    }

    @Test
    void otherProducersAndClosedTransactionsAreLeftAlone() {
        Instant old = NOW.minus(Duration.ofMinutes(5));
        ProducerState replica = open(OWN + 1, 21, old);
        ProducerState closed = new ProducerState(OWN, 73, 4, old.toEpochMilli(), OptionalInt.of(0), OptionalLong.empty());
        ProducerState ownOpen = open(OWN, 8, old);

        List<HangingTransaction> found = HangingTransaction.find(OWN, List.of(),
                Map.of(ACCEPTED_3, List.of(replica, closed), AUDIO_3, List.of(replica, ownOpen)), NOW, TIMEOUT);

        assertThat(found).extracting(HangingTransaction::partition, HangingTransaction::startOffset)
                .containsExactly(tuple(AUDIO_3, 8L));
    }

    private static ProducerState open(long producerId, long startOffset, Instant lastWrite) {
        return new ProducerState(producerId, 73, 0, lastWrite.toEpochMilli(), OptionalInt.of(0), OptionalLong.of(startOffset));
    }
}

package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.ingest.submission.messaging.TransactionOutcomes.Outcome;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionOutcomesTest {

    private static final TopicPartition ACCEPTED_3 = new TopicPartition("hitorflop.jobs.accepted", 3);
    private static final TopicPartition AUDIO_3 = new TopicPartition("hitorflop.audio.ready", 3);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T18:06:00Z"));
    private final TransactionOutcomes outcomes = new TransactionOutcomes(now::get, Duration.ofMinutes(10), 4);

    @Test
    void eachPartitionOfATransactionIsKnownByItsFirstOffsetWithItsJobs() {
        outcomes.remember(List.of(record(ACCEPTED_3, "a"), record(AUDIO_3, "a"), record(ACCEPTED_3, "b")),
                List.of(written(ACCEPTED_3, 21), written(AUDIO_3, 8), written(ACCEPTED_3, 22)), Outcome.COMMITTED);

        assertThat(outcomes.startingAt(ACCEPTED_3, 21)).hasValueSatisfying(write -> {
            assertThat(write.outcome()).isEqualTo(Outcome.COMMITTED);
            assertThat(write.lastOffset()).isEqualTo(22);
            assertThat(write.jobIds()).containsExactly("a", "b");
        });
        assertThat(outcomes.startingAt(AUDIO_3, 8)).map(TransactionOutcomes.Write::jobIds).hasValue(Set.of("a"));
        assertThat(outcomes.startingAt(ACCEPTED_3, 22)).isEmpty();
    }

    @Test
    void aRecordThatWasNotWrittenIsLeftOut() {
        outcomes.remember(List.of(record(ACCEPTED_3, "a"), record(AUDIO_3, "a")),
                List.of(written(ACCEPTED_3, 21), CompletableFuture.failedFuture(new IllegalStateException("not sent"))),
                Outcome.ABORTED);

        assertThat(outcomes.startingAt(ACCEPTED_3, 21)).map(TransactionOutcomes.Write::outcome).hasValue(Outcome.ABORTED);
        assertThat(outcomes.startingAt(AUDIO_3, 8)).isEmpty();
    }

    @Test
    void outcomesOlderThanTheWindowAreForgotten() {
        outcomes.remember(List.of(record(ACCEPTED_3, "a")), List.of(written(ACCEPTED_3, 21)), Outcome.COMMITTED);

        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThat(outcomes.startingAt(ACCEPTED_3, 21)).isPresent();
        now.set(now.get().plusMillis(1));
        assertThat(outcomes.startingAt(ACCEPTED_3, 21)).isEmpty();
    }

    @Test
    void beyondTheMostJobsTheOldestAreForgottenFirst() {
        for (int offset = 0; offset < 5; offset++) {
            outcomes.remember(List.of(record(ACCEPTED_3, "job-" + offset)), List.of(written(ACCEPTED_3, offset)), Outcome.COMMITTED);
        }

        assertThat(outcomes.startingAt(ACCEPTED_3, 0)).isEmpty();
        assertThat(outcomes.startingAt(ACCEPTED_3, 1)).isPresent();
        assertThat(outcomes.startingAt(ACCEPTED_3, 4)).isPresent();
    }

    private static ProducerRecord<String, String> record(TopicPartition partition, String jobId) {
        return new ProducerRecord<>(partition.topic(), jobId, "event");
    }

    private static Future<RecordMetadata> written(TopicPartition partition, long offset) {
        return CompletableFuture.completedFuture(new RecordMetadata(partition, offset, 0, 0, 3, 5));
    }
}

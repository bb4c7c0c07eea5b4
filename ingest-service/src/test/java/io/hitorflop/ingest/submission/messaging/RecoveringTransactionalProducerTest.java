package io.hitorflop.ingest.submission.messaging;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The producer states a broker outage leaves behind, played by Kafka's own MockProducer. */
class RecoveringTransactionalProducerTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final List<ProducerRecord<String, String>> JOB = List.of(
            new ProducerRecord<>("hitorflop.jobs.accepted", "job-1", "accepted"),
            new ProducerRecord<>("hitorflop.features.ready", "job-1", "features"));

    private final List<MockProducer<String, String>> made = new ArrayList<>();
    private final TransactionOutcomes outcomes = new TransactionOutcomes(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10), 1_000);
    private final RecoveringTransactionalProducer<String, String> producer = new RecoveringTransactionalProducer<>(() -> {
        MockProducer<String, String> mock = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        made.add(mock);
        return mock;
    }, Clock.fixed(NOW, ZoneOffset.UTC), outcomes);

    @Test
    void aJobIsCommittedInOneTransactionOnOneProducer() {
        producer.sendInOneTransaction(JOB, () -> true);
        producer.sendInOneTransaction(JOB, () -> true);

        assertThat(made).hasSize(1);
        assertThat(made.get(0).history()).hasSize(4);
        assertThat(made.get(0).transactionCommitted()).isTrue();
        assertThat(producer.busySince()).isEmpty();
        assertThat(producer.failingSince()).isEmpty();
    }

    @Test
    void anAbortThatTimedOutReplacesTheProducerAndTheNextJobCommits() {
        producer.sendInOneTransaction(JOB, () -> true);
        MockProducer<String, String> first = made.get(0);
        first.commitTransactionException = new TimeoutException("Timeout expired after 10000ms while awaiting EndTxn(true)");
        first.abortTransactionException = new TimeoutException("Timeout expired after 10000ms while awaiting EndTxn(false)");

        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> true)).isInstanceOf(TimeoutException.class);

        assertThat(first.closed()).as("the producer whose abort timed out is closed").isTrue();
        assertThat(producer.failingSince()).contains(NOW);
        producer.sendInOneTransaction(JOB, () -> true);
        assertThat(made).hasSize(2);
        assertThat(made.get(1).transactionInitialized()).as("initTransactions fences the old one").isTrue();
        assertThat(made.get(1).history()).hasSize(2);
        assertThat(producer.producersReplaced()).isEqualTo(1);
        assertThat(producer.failingSince()).isEmpty();
    }

    @Test
    void howEachTransactionEndedIsRememberedByWhereItsRecordsWent() {
        producer.sendInOneTransaction(JOB, () -> true);
        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> false)).isInstanceOf(KafkaException.class);

        TopicPartition accepted = new TopicPartition("hitorflop.jobs.accepted", 0);
        assertThat(outcomes.startingAt(accepted, 0)).map(TransactionOutcomes.Write::outcome).hasValue(TransactionOutcomes.Outcome.COMMITTED);
        assertThat(outcomes.startingAt(new TopicPartition("hitorflop.features.ready", 0), 0))
                .map(TransactionOutcomes.Write::jobIds).hasValue(Set.of("job-1"));
        assertThat(outcomes.startingAt(accepted, 1)).map(TransactionOutcomes.Write::outcome).hasValue(TransactionOutcomes.Outcome.ABORTED);
    }

    @Test
    void aTransactionWhoseEndIsUncertainIsNotRemembered() {
        producer.sendInOneTransaction(JOB, () -> true);
        made.get(0).commitTransactionException = new TimeoutException("Timeout expired after 10000ms while awaiting EndTxn(true)");
        made.get(0).abortTransactionException = new TimeoutException("Timeout expired after 10000ms while awaiting EndTxn(false)");

        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> true)).isInstanceOf(TimeoutException.class);

        assertThat(outcomes.startingAt(new TopicPartition("hitorflop.jobs.accepted", 0), 1)).isEmpty();
    }

    @Test
    void theFirstCommitAfterFailedTransactionsRunsTheRecoveryAction() {
        AtomicInteger recoveries = new AtomicInteger();
        producer.whenRecovered(recoveries::incrementAndGet);
        producer.sendInOneTransaction(JOB, () -> true);
        made.get(0).commitTransactionException = new KafkaException("the broker is away");
        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> true)).isInstanceOf(KafkaException.class);
        assertThat(recoveries).hasValue(0);

        made.get(0).commitTransactionException = null;
        producer.sendInOneTransaction(JOB, () -> true);
        producer.sendInOneTransaction(JOB, () -> true);

        assertThat(recoveries).hasValue(1);
    }

    @Test
    void aProducerThatRefusesToBeginIsReplaced() {
        producer.sendInOneTransaction(JOB, () -> true);
        made.get(0).beginTransactionException = new IllegalStateException("Cannot attempt operation `beginTransaction` "
                + "because the previous call to `abortTransaction` timed out and must be retried");

        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> true)).isInstanceOf(IllegalStateException.class);
        producer.sendInOneTransaction(JOB, () -> true);

        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed()).isTrue();
        assertThat(made.get(1).history()).hasSize(2);
    }

    @Test
    void aFencedProducerIsReplacedWithoutAnAbort() {
        producer.sendInOneTransaction(JOB, () -> true);
        made.get(0).commitTransactionException = new ProducerFencedException("another instance took the id");

        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> true)).isInstanceOf(ProducerFencedException.class);

        assertThat(made.get(0).transactionAborted()).isFalse();
        assertThat(made.get(0).closed()).isTrue();
        producer.sendInOneTransaction(JOB, () -> true);
        assertThat(made).hasSize(2);
    }

    @Test
    void anAbortableFailureIsAbortedAndTheProducerKept() {
        producer.sendInOneTransaction(JOB, () -> true);
        made.get(0).commitTransactionException = new KafkaException("a record was too large");

        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> true)).isInstanceOf(KafkaException.class);

        assertThat(made.get(0).transactionAborted()).isTrue();
        assertThat(made.get(0).history()).as("only the first job").hasSize(2);
        assertThat(made).hasSize(1);
        assertThat(producer.producersReplaced()).isZero();
    }

    @Test
    void aJobWhoseCallerStoppedWaitingIsAbortedNotCommitted() {
        assertThatThrownBy(() -> producer.sendInOneTransaction(JOB, () -> false)).isInstanceOf(KafkaException.class);

        assertThat(made.get(0).transactionAborted()).isTrue();
        assertThat(made.get(0).history()).isEmpty();
    }

    @Test
    void aProducerThatCannotInitialiseIsClosedAndTheNextJobTriesANewOne() {
        RecoveringTransactionalProducer<String, String> failingFirst = new RecoveringTransactionalProducer<>(() -> {
            MockProducer<String, String> mock = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
            if (made.isEmpty()) {
                mock.initTransactionException = new TimeoutException("Timeout expired after 10000ms while awaiting InitProducerId");
            }
            made.add(mock);
            return mock;
        }, Clock.fixed(NOW, ZoneOffset.UTC), outcomes);

        assertThatThrownBy(() -> failingFirst.sendInOneTransaction(JOB, () -> true)).isInstanceOf(TimeoutException.class);
        failingFirst.sendInOneTransaction(JOB, () -> true);

        assertThat(made.get(0).closed()).isTrue();
        assertThat(made.get(1).history()).hasSize(2);
    }
}

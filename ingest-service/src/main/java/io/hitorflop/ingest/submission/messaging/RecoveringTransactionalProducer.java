package io.hitorflop.ingest.submission.messaging;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A transactional Kafka producer that replaces itself when its transaction state is lost. A
 * {@code KafkaProducer} whose {@code abortTransaction} timed out (a broker outage longer than
 * {@code max.block.ms}) refuses every later {@code beginTransaction} until that abort is retried
 * and succeeds, and one that met a fatal error (fenced, out-of-order sequence) never works again.
 * Instead of tracking which of Kafka's error states is recoverable, any transaction that neither
 * committed nor aborted cleanly closes the producer; the next transaction starts a new one, whose
 * {@code initTransactions} under the same {@code transactional.id} fences the old producer and
 * aborts its unfinished transaction on the broker (KIP-98), so nothing of the failed job is
 * ever visible to {@code read_committed} readers.
 *
 * <p>How each transaction ended, and where its records went, is kept in {@link TransactionOutcomes}.
 *
 * <p>One transaction at a time: the caller runs every call on one thread.
 */
final class RecoveringTransactionalProducer<K, V> {

    private static final Logger LOG = Logger.getLogger(RecoveringTransactionalProducer.class);

    private final Supplier<Producer<K, V>> factory;
    private final Clock clock;
    private final TransactionOutcomes outcomes;
    private volatile Runnable onRecovery = () -> { };
    private Producer<K, V> producer;
    private volatile Instant busySince;
    private volatile Instant failingSince;
    private volatile int producersReplaced;

    RecoveringTransactionalProducer(Supplier<Producer<K, V>> factory, Clock clock, TransactionOutcomes outcomes) {
        this.factory = factory;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /**
     * Sends {@code records} in one transaction and commits it, unless {@code stillWanted} says the
     * caller gave up meanwhile: then the transaction is aborted, so a request answered with an
     * error never leaves a job behind.
     *
     * @throws KafkaException the transaction did not commit; none of its records is visible
     */
    void sendInOneTransaction(List<ProducerRecord<K, V>> records, BooleanSupplier stillWanted) {
        busySince = clock.instant();
        try {
            Producer<K, V> current = current();
            current.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            try {
                records.forEach(record -> sent.add(current.send(record)));
                // the records are written before the last look at the caller, so only the EndTxn
                // round trip can still land after it gave up; commitTransaction fails if a send failed
                current.flush();
                if (!stillWanted.getAsBoolean()) {
                    throw new KafkaException("the caller stopped waiting before the commit");
                }
                current.commitTransaction();
            } catch (RuntimeException notCommitted) {
                if (abortOrReplace(current, notCommitted)) {
                    outcomes.remember(records, sent, TransactionOutcomes.Outcome.ABORTED);
                }
                throw notCommitted;
            }
            outcomes.remember(records, sent, TransactionOutcomes.Outcome.COMMITTED);
            if (failingSince != null) {
                failingSince = null;
                runRecoveryAction();
            }
        } catch (RuntimeException failed) {
            if (failingSince == null) {
                failingSince = busySince;
            }
            if (producer != null && isFatal(failed)) {
                replace(failed);
            }
            throw failed;
        } finally {
            busySince = null;
        }
    }

    /** When the transaction now running started, empty when none runs. */
    Optional<Instant> busySince() {
        return Optional.ofNullable(busySince);
    }

    /** The transaction committed, whatever the action does: it cannot turn the commit into a failure. */
    private void runRecoveryAction() {
        try {
            onRecovery.run();
        } catch (RuntimeException actionFailed) {
            LOG.warnf("the action after the producer's recovery failed: %s", actionFailed.toString());
        }
    }

    /** Start of the first of the transactions that failed one after another since the last commit; empty after a commit. */
    Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    /** Runs {@code action} on the transaction thread after each commit that ends a run of failed transactions. */
    void whenRecovered(Runnable action) {
        onRecovery = action;
    }

    /** How many producers were closed and replaced after a lost transaction state. */
    int producersReplaced() {
        return producersReplaced;
    }

    void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private Producer<K, V> current() {
        if (producer == null) {
            Producer<K, V> created = factory.get();
            try {
                created.initTransactions();
            } catch (RuntimeException notInitialised) {
                created.close(Duration.ZERO);
                throw notInitialised;
            }
            producer = created;
        }
        return producer;
    }

    /** True when the transaction was aborted; false when its end is unknown (the producer is or will be replaced). */
    private boolean abortOrReplace(Producer<K, V> current, RuntimeException notCommitted) {
        if (isFatal(notCommitted)) {
            return false; // replaced by the caller; an abort is refused in a fatal state
        }
        try {
            current.abortTransaction();
            return true;
        } catch (RuntimeException abortFailed) {
            // e.g. "Timeout expired while awaiting EndTxn(false)": this producer would refuse every
            // later transaction until that abort went through, so start over with a new one
            notCommitted.addSuppressed(abortFailed);
            replace(abortFailed);
            return false;
        }
    }

    private void replace(RuntimeException cause) {
        LOG.warnf("closing the transactional producer after %s; the next job starts a new one", cause.toString());
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException closeFailed) {
            cause.addSuppressed(closeFailed);
        }
        producer = null;
        producersReplaced++;
    }

    /** Errors after which Kafka's producer accepts no further transaction (KafkaProducer javadoc). */
    private static boolean isFatal(RuntimeException failure) {
        return failure instanceof org.apache.kafka.common.errors.ProducerFencedException
                || failure instanceof org.apache.kafka.common.errors.InvalidProducerEpochException
                || failure instanceof org.apache.kafka.common.errors.OutOfOrderSequenceException
                || failure instanceof org.apache.kafka.common.errors.AuthorizationException
                || failure instanceof org.apache.kafka.common.errors.UnsupportedVersionException
                || failure instanceof IllegalStateException;
    }
}

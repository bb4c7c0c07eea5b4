package io.hitorflop.ingest.submission.messaging;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A transaction of ingest's producer that a partition still holds open ({@code describeProducers}:
 * a {@code currentTransactionStartOffset}) although the coordinator does not list that partition
 * in the producer's ongoing transaction: its COMMIT or ABORT marker never reached the partition,
 * and {@code read_committed} readers stop at {@link #startOffset()} until a marker of the same
 * producer closes it. This is the test of Kafka's own {@code kafka-transactions.sh find-hanging}
 * (KIP-664), narrowed to one producer id.
 */
record HangingTransaction(TopicPartition partition, long producerId, short producerEpoch, OptionalInt coordinatorEpoch,
                          long startOffset, Instant lastWrite) {

    /**
     * The hanging transactions of {@code ownProducerId} among {@code producersByPartition}. A
     * transaction only counts once its last write is older than {@code transactionTimeout} (the
     * coordinator aborts a live transaction by then, so a younger one may just be running), and
     * never when its partition is in {@code ongoingPartitions}, the coordinator's current
     * transaction of that producer. Other producers (replicas of ingest, anyone else) are ignored.
     */
    static List<HangingTransaction> find(long ownProducerId, Collection<TopicPartition> ongoingPartitions,
                                         Map<TopicPartition, List<ProducerState>> producersByPartition,
                                         Instant now, Duration transactionTimeout) {
        List<HangingTransaction> hanging = new ArrayList<>();
        producersByPartition.forEach((partition, producers) -> {
            if (ongoingPartitions.contains(partition)) {
                return;
            }
            for (ProducerState producer : producers) {
                Instant lastWrite = Instant.ofEpochMilli(producer.lastTimestamp());
                if (producer.producerId() == ownProducerId
                        && producer.currentTransactionStartOffset().isPresent()
                        && lastWrite.plus(transactionTimeout).isBefore(now)) {
                    hanging.add(new HangingTransaction(partition, producer.producerId(), (short) producer.producerEpoch(),
                            producer.coordinatorEpoch(), producer.currentTransactionStartOffset().getAsLong(), lastWrite));
                }
            }
        });
        return hanging;
    }
}

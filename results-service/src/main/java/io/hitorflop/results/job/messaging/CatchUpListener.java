package io.hitorflop.results.job.messaging;

import io.hitorflop.results.job.service.CatchUpGate;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Collection;

/**
 * A catch-up gate that is the rebalance listener of the channels it waits for: the partitions
 * they are given and the records they process go to its {@link CatchUpTracker}. A subclass names
 * the channels and calls {@link #checkUnlessStopping()} from its own {@code @Scheduled} method
 * (Quarkus schedules only methods declared on the bean's class).
 */
public abstract class CatchUpListener implements KafkaConsumerRebalanceListener, CatchUpGate {

    private final CatchUpTracker tracker;
    private final ServiceLifecycle lifecycle;

    protected CatchUpListener(CatchUpTracker tracker, ServiceLifecycle lifecycle) {
        this.tracker = tracker;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.assigned(consumer, partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.revoked(partitions);
    }

    /** The Kafka record has been handed to its channel. */
    public void processing(Message<?> record) {
        tracker.processing(origin(record).getTopic());
    }

    /** The Kafka record has been applied, refused or dead-lettered. */
    public void processed(Message<?> record) {
        IncomingKafkaRecordMetadata<?, ?> origin = origin(record);
        tracker.processed(origin.getTopic(), origin.getPartition(), origin.getOffset());
    }

    private static IncomingKafkaRecordMetadata<?, ?> origin(Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
    }

    @Override
    public boolean caughtUp() {
        return tracker.caughtUp();
    }

    protected void checkUnlessStopping() {
        if (!lifecycle.stopping()) {
            tracker.check();
        }
    }
}

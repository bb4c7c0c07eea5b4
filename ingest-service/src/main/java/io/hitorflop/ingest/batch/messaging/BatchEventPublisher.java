package io.hitorflop.ingest.batch.messaging;

import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.ingest.config.IngestConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes batch events on {@code hitorflop.batches}, keyed by batch id, and waits for the
 * broker's acknowledgement ({@code acks=all}, idempotent producer): a batch's
 * {@code BatchAccepted} is written before any job of its rows is published, and its rejections
 * follow it in order on the same partition.
 */
@ApplicationScoped
public class BatchEventPublisher {

    private final MutinyEmitter<BatchEvent> emitter;
    private final IngestConfig config;

    BatchEventPublisher(@Channel("batch-events") MutinyEmitter<BatchEvent> emitter, IngestConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public void publish(BatchEvent event) {
        emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.batchId().toString()).build()))
                .await().atMost(config.publishTimeout());
    }
}

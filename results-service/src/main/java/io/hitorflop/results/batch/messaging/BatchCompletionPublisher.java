package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.batches.BatchCompleted;
import io.hitorflop.contract.batches.BatchEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/** Tells ingest ({@code BatchCompleted} on {@code hitorflop.batches}) that a batch no longer runs. */
@ApplicationScoped
public class BatchCompletionPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<BatchEvent> emitter;

    BatchCompletionPublisher(@Channel("batch-completions") MutinyEmitter<BatchEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(BatchCompleted completed) {
        emitter.sendMessage(Message.<BatchEvent>of(completed).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(completed.batchId().toString()).build()))
                .await().atMost(ACK_TIMEOUT);
    }
}

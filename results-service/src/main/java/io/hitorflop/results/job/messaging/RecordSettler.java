package io.hitorflop.results.job.messaging;

import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Settles a consumed record or batch: ack when applied; nack when it failed (the channel's failure strategy
 * then dead-letters or skips it); neither when the service is stopping, so the record stays
 * uncommitted and is redelivered to whoever consumes the partition next.
 */
@ApplicationScoped
public class RecordSettler {

    private static final Logger LOG = Logger.getLogger(RecordSettler.class);

    private final ServiceLifecycle lifecycle;

    RecordSettler(ServiceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public CompletionStage<Void> settle(Message<?> message, Runnable handling) {
        try {
            handling.run();
        } catch (RuntimeException failure) {
            if (lifecycle.stopping()) {
                LOG.infof("stopping: record left uncommitted for redelivery (%s)", failure.getMessage());
                return CompletableFuture.completedFuture(null);
            }
            return message.nack(failure);
        }
        return message.ack();
    }

    /**
     * Settles a batch whose records were handled one by one ({@code failures}: the records that
     * failed, with why): each failed record is nacked on its own (dead-lettered), and once that is
     * done the batch is acked (its last record per partition, which commits the offsets of all of
     * them). While the service is stopping a failure leaves the whole batch uncommitted instead;
     * its applied events are recognised as repeats when it is redelivered.
     */
    public CompletionStage<Void> settle(KafkaRecordBatch<?, ?> batch, Map<KafkaRecord<?, ?>, RuntimeException> failures) {
        if (!failures.isEmpty() && lifecycle.stopping()) {
            LOG.infof("stopping: a batch of %d records left uncommitted for redelivery", batch.getRecords().size());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] nacked = failures.entrySet().stream()
                .map(failed -> failed.getKey().nack(failed.getValue()).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        // a dead-lettered record is acked by the dead-letter handler itself
        return CompletableFuture.allOf(nacked).thenCompose(ignored -> CompletableFuture.allOf(
                batch.getLatestOffsetRecords().values().stream()
                        .filter(last -> !failures.containsKey(last))
                        .map(last -> last.ack().toCompletableFuture())
                        .toArray(CompletableFuture[]::new)));
    }

    /** Leaves a batch uncommitted when the service is stopping, else nacks each of its records. */
    public CompletionStage<Void> settleFailed(KafkaRecordBatch<?, ?> batch, RuntimeException failure) {
        Map<KafkaRecord<?, ?>, RuntimeException> all = new IdentityHashMap<>();
        batch.getRecords().forEach(record -> all.put(record, failure));
        return settle(batch, all);
    }
}

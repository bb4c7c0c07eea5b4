package io.hitorflop.ingest.batch.messaging;

import io.hitorflop.contract.batches.BatchCompleted;
import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.ingest.batch.persistence.RunningBatches;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns from results-service's {@code BatchCompleted} that a batch no longer counts among its
 * owner's running ones. The other batch events on the topic are ingest's own and are skipped.
 */
@ApplicationScoped
public class BatchCompletionConsumer {

    private final RunningBatches running;

    BatchCompletionConsumer(RunningBatches running) {
        this.running = running;
    }

    @Incoming("batch-completions")
    @Blocking
    public void consume(BatchEvent event) {
        if (event instanceof BatchCompleted completed) {
            running.completed(completed.batchId(), completed.occurredAt());
        }
    }
}

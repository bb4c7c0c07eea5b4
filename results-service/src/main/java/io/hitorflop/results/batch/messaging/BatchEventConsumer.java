package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.contract.batches.BatchRowsRejected;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores what ingest says of a batch: the batch itself ({@code BatchAccepted}) and its rejected
 * rows. {@code BatchCompleted}, this service's own event, is skipped.
 */
@ApplicationScoped
public class BatchEventConsumer {

    private final BatchStore store;

    BatchEventConsumer(BatchStore store) {
        this.store = store;
    }

    @Incoming("batch-events")
    @Blocking
    public void consume(BatchEvent event) {
        if (event instanceof BatchAccepted accepted) {
            QuarkusTransaction.requiringNew().run(() -> store.accepted(accepted));
        } else if (event instanceof BatchRowsRejected rejected) {
            QuarkusTransaction.requiringNew().run(() -> store.rejected(rejected.batchId(), rejected.rows()));
        }
    }
}

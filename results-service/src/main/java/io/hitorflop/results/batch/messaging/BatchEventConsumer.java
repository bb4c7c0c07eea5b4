package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.BatchEvent;
import io.hitorflop.contract.batches.BatchRowsRejected;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.hitorflop.results.job.messaging.RecordSettler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Stores what ingest says of a batch: the batch itself ({@code BatchAccepted}) and its rejected
 * rows. {@code BatchCompleted}, this service's own event, is skipped. A record that cannot be
 * stored is dead-lettered to {@code hitorflop.batches.dlq}; while the service stops it stays
 * uncommitted instead ({@link RecordSettler}).
 */
@ApplicationScoped
public class BatchEventConsumer {

    private final BatchStore store;
    private final RecordSettler settler;
    private final BatchRowsCatchUp catchUp;

    BatchEventConsumer(BatchStore store, RecordSettler settler, @Identifier(BatchRowsCatchUp.NAME) BatchRowsCatchUp catchUp) {
        this.store = store;
        this.settler = settler;
        this.catchUp = catchUp;
    }

    @Incoming("batch-events")
    @Blocking
    public CompletionStage<Void> consume(Message<BatchEvent> record) {
        catchUp.processing(record);
        try {
            return settler.settle(record, () -> store(record.getPayload()));
        } finally {
            catchUp.processed(record);
        }
    }

    private void store(BatchEvent event) {
        if (event instanceof BatchAccepted accepted) {
            QuarkusTransaction.requiringNew().run(() -> store.accepted(accepted));
        } else if (event instanceof BatchRowsRejected rejected) {
            QuarkusTransaction.requiringNew().run(() -> store.rejected(rejected.batchId(), rejected.rows()));
        }
    }
}

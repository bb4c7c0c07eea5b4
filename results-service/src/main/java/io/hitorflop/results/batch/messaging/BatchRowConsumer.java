package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Objects;

/**
 * Records which job is which row of which batch, from {@code JobAccepted} read in a consumer group
 * of its own ({@code results-batch-rows}), so the job state machine's consumers stay as they are.
 * Records come in polls (SmallRye Kafka batch consumption) and each poll is one insert: a
 * 100,000-row batch is a few hundred statements, not 100,000.
 */
@ApplicationScoped
public class BatchRowConsumer {

    private final BatchStore store;

    BatchRowConsumer(BatchStore store) {
        this.store = store;
    }

    @Incoming("batch-rows")
    @Blocking
    public void consume(List<JobAccepted> accepted) {
        List<JobAccepted> rows = accepted.stream().filter(Objects::nonNull)
                .filter(job -> job.batchId() != null && job.batchRow() != null).toList();
        if (!rows.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> store.jobRows(rows));
        }
    }
}

package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.hitorflop.results.job.messaging.RecordSettler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Records which job is which row of which batch, from {@code JobAccepted} read in a consumer group
 * of its own ({@code results-batch-rows}), so the job state machine's consumers stay as they are.
 * Records come in polls (SmallRye Kafka batch consumption) and each poll is one insert: a
 * 100,000-row batch is a few hundred statements, not 100,000. When a poll's insert fails, its rows
 * are inserted one by one, so that one row that cannot be stored (PostgreSQL refuses its echoed
 * columns, say) is nacked alone and moved to {@code hitorflop.batch-rows.dlq} while the others are
 * stored and the channel goes on.
 */
@ApplicationScoped
public class BatchRowConsumer {

    private static final Logger LOG = Logger.getLogger(BatchRowConsumer.class);

    private final BatchStore store;
    private final RecordSettler settler;
    private final BatchRowsCatchUp catchUp;

    BatchRowConsumer(BatchStore store, RecordSettler settler, @Identifier(BatchRowsCatchUp.NAME) BatchRowsCatchUp catchUp) {
        this.store = store;
        this.settler = settler;
        this.catchUp = catchUp;
    }

    @Incoming("batch-rows")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, JobAccepted> batch) {
        batch.getRecords().forEach(catchUp::processing);
        try {
            List<KafkaRecord<String, JobAccepted>> rows = batch.getRecords().stream()
                    .filter(record -> isBatchRow(record.getPayload())).toList();
            Map<KafkaRecord<?, ?>, RuntimeException> failures = new IdentityHashMap<>();
            if (!rows.isEmpty()) {
                try {
                    store(rows);
                } catch (RuntimeException together) {
                    LOG.warnf("%d batch rows could not be stored together (%s); storing them one by one", rows.size(),
                            together.getMessage());
                    for (KafkaRecord<String, JobAccepted> row : rows) {
                        try {
                            store(List.of(row));
                        } catch (RuntimeException alone) {
                            failures.put(row, alone);
                        }
                    }
                }
            }
            return settler.settle(batch, failures);
        } finally {
            batch.getRecords().forEach(catchUp::processed);
        }
    }

    private void store(List<KafkaRecord<String, JobAccepted>> rows) {
        List<JobAccepted> jobs = rows.stream().map(KafkaRecord::getPayload).toList();
        QuarkusTransaction.requiringNew().run(() -> store.jobRows(jobs));
    }

    /** A record that is no {@code JobAccepted} (null: unreadable) is the job consumers' to dead-letter. */
    private static boolean isBatchRow(JobAccepted job) {
        return job != null && job.batchId() != null && job.batchRow() != null;
    }
}

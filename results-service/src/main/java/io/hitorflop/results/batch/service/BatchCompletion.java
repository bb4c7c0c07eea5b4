package io.hitorflop.results.batch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.batches.BatchCompleted;
import io.hitorflop.results.batch.api.BatchView;
import io.hitorflop.results.batch.domain.Batch;
import io.hitorflop.results.batch.messaging.BatchCompletionPublisher;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.hitorflop.results.webhook.persistence.WebhookOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Completes batches: a running batch whose accepted rows' jobs are all DONE or FAILED becomes
 * COMPLETE, its {@code batch.completed} webhook joins the outbox in the same transaction (body
 * fixed then: the batch as {@code GET /v1/batches/{id}} shows it, inside a Standard Webhooks
 * envelope), and ingest is told by {@code BatchCompleted}. The event is published before the
 * batch is marked, so a crash between the two repeats the event (ingest takes it twice
 * harmlessly) rather than losing it. Counting from the job table every interval keeps the job
 * state machine untouched; a running batch costs one grouped count per interval.
 */
@ApplicationScoped
public class BatchCompletion {

    private static final Logger LOG = Logger.getLogger(BatchCompletion.class);
    static final String EVENT_TYPE = "batch.completed";

    private final BatchStore store;
    private final WebhookOutbox outbox;
    private final BatchCompletionPublisher publisher;
    private final ServiceLifecycle lifecycle;
    private final ObjectMapper json;

    BatchCompletion(BatchStore store, WebhookOutbox outbox, BatchCompletionPublisher publisher,
                    ServiceLifecycle lifecycle, ObjectMapper json) {
        this.store = store;
        this.outbox = outbox;
        this.publisher = publisher;
        this.lifecycle = lifecycle;
        this.json = json;
    }

    @Scheduled(every = "${hitorflop.results.batches.completion-check:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void completeFinishedBatches() {
        if (lifecycle.stopping()) {
            return;
        }
        for (UUID id : QuarkusTransaction.requiringNew().call(store::running)) {
            try {
                completeIfFinished(id);
            } catch (RuntimeException failed) {
                LOG.errorf(failed, "batch %s could not be checked for completion; it is checked again", id);
            }
        }
    }

    private void completeIfFinished(UUID id) {
        Optional<Batch> found = QuarkusTransaction.requiringNew().call(() -> store.find(id));
        if (found.isEmpty() || found.get().done() < found.get().accepted()) {
            return;
        }
        Batch batch = found.get();
        publisher.publish(BatchCompleted.of(id, batch.owner(), batch.counts().get("DONE"), batch.counts().get("FAILED")));
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (store.complete(id, now) && batch.webhookUrl() != null) {
                Batch complete = store.find(id).orElseThrow();
                outbox.batchCompleted(id, batch.webhookUrl(), envelope(complete, now), now);
            }
        });
        LOG.infof("batch %s is complete: %d rows, %d DONE, %d FAILED, %d rejected", id, batch.rows(),
                batch.counts().get("DONE"), batch.counts().get("FAILED"), batch.rejected());
    }

    /** The Standard Webhooks payload structure: {@code type}, {@code timestamp}, {@code data}. */
    private String envelope(Batch batch, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", EVENT_TYPE);
        body.put("timestamp", now);
        body.put("data", BatchView.of(batch));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a batch view is always JSON", impossible);
        }
    }
}

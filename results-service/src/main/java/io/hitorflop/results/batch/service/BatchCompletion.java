package io.hitorflop.results.batch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.batches.BatchCompleted;
import io.hitorflop.results.batch.api.BatchView;
import io.hitorflop.results.batch.domain.Batch;
import io.hitorflop.results.batch.domain.CompletionRule;
import io.hitorflop.results.batch.messaging.BatchCompletionPublisher;
import io.hitorflop.results.batch.messaging.BatchRowsCatchUp;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.service.CatchUpGate;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.hitorflop.results.webhook.persistence.WebhookOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Completes batches ({@link CompletionRule}): a running batch whose rows are all read and whose
 * jobs are all DONE or FAILED, or whose missing rows are given up as lost, becomes COMPLETE, its
 * {@code batch.completed} webhook joins the outbox in the same transaction (body fixed then: the
 * batch as {@code GET /v1/batches/{id}} shows it, inside a Standard Webhooks envelope), and ingest
 * is told by {@code BatchCompleted}.
 * <p>
 * A batch that looks complete is checked again in a transaction that holds its row
 * ({@code FOR UPDATE SKIP LOCKED}): another replica checking it at the same moment skips it, and
 * the batch's row stores wait, so both the event and the webhook are made once. The event is
 * published inside that transaction, before the batch is marked, so a crash between the two
 * repeats the event (ingest takes it twice harmlessly) rather than losing it. Counting from the job
 * table every interval keeps the job state machine untouched; a running batch costs one grouped
 * count per interval.
 */
@ApplicationScoped
public class BatchCompletion {

    private static final Logger LOG = Logger.getLogger(BatchCompletion.class);
    static final String EVENT_TYPE = "batch.completed";

    private final BatchStore store;
    private final WebhookOutbox outbox;
    private final BatchCompletionPublisher publisher;
    private final ServiceLifecycle lifecycle;
    private final CatchUpGate rowsCaughtUp;
    private final CompletionRule rule;
    private final ObjectMapper json;

    BatchCompletion(BatchStore store, WebhookOutbox outbox, BatchCompletionPublisher publisher,
                    ServiceLifecycle lifecycle, @Identifier(BatchRowsCatchUp.NAME) CatchUpGate rowsCaughtUp,
                    ResultsConfig config, ObjectMapper json) {
        this.store = store;
        this.outbox = outbox;
        this.publisher = publisher;
        this.lifecycle = lifecycle;
        this.rowsCaughtUp = rowsCaughtUp;
        this.rule = new CompletionRule(config.batches().rowsLostAfter());
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
        Optional<Batch> seen = QuarkusTransaction.requiringNew().call(() -> store.find(id));
        if (seen.isEmpty() || !rule.check(seen.get(), Instant.now(), rowsCaughtUp.caughtUp()).complete()) {
            return;
        }
        Optional<Batch> completed = QuarkusTransaction.requiringNew().call(() -> complete(id));
        completed.ifPresent(batch -> {
            if (batch.lost() > 0) {
                LOG.warnf("batch %s is complete with %d of its %d rows lost (never read: ingest stopped while "
                                + "queueing it, or a row could not be stored): %d DONE, %d FAILED, %d rejected",
                        id, batch.lost(), batch.rows(), batch.counts().get("DONE"), batch.counts().get("FAILED"),
                        batch.rejected());
            } else {
                LOG.infof("batch %s is complete: %d rows, %d DONE, %d FAILED, %d rejected", id, batch.rows(),
                        batch.counts().get("DONE"), batch.counts().get("FAILED"), batch.rejected());
            }
        });
    }

    /** In the caller's transaction: the batch as completed, or empty when it was not (any more) due. */
    private Optional<Batch> complete(UUID id) {
        if (!store.lockRunning(id)) {
            return Optional.empty();
        }
        Batch batch = store.find(id).orElseThrow();
        CompletionRule.Outcome outcome = rule.check(batch, Instant.now(), rowsCaughtUp.caughtUp());
        if (!outcome.complete()) {
            return Optional.empty();
        }
        publisher.publish(BatchCompleted.of(id, batch.owner(), batch.counts().get("DONE"), batch.counts().get("FAILED")));
        Instant now = Instant.now();
        store.complete(id, now, outcome.lost());
        Batch complete = store.find(id).orElseThrow();
        if (complete.webhookUrl() != null) {
            outbox.batchCompleted(id, complete.webhookUrl(), envelope(complete, now), now);
        }
        return Optional.of(complete);
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

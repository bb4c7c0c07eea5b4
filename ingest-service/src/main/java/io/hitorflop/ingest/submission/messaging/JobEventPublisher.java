package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the events of one job step as one Kafka transaction, keyed by job id: a job's
 * {@code JobAccepted} and its {@code AudioReady} or {@code FeaturesReady} become visible to the
 * consumers (all {@code read_committed}) together or not at all, so a crash between them cannot
 * leave a job that exists but never moves. The call blocks until the transaction is committed,
 * so a 202 is only given for a durably queued job.
 *
 * <p>A producer runs one transaction at a time, so transactions run one after another on a
 * thread of their own; it carries no Vert.x context, which keeps the emitter from hopping onto
 * the worker pool that the waiting request threads occupy.
 */
@ApplicationScoped
public class JobEventPublisher {

    private final KafkaTransactions<JobEvent> transactions;
    private final IngestConfig config;
    private final ExecutorService transactionThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "job-event-transactions");
        thread.setDaemon(true);
        return thread;
    });

    JobEventPublisher(@Channel("job-events") KafkaTransactions<JobEvent> transactions, IngestConfig config) {
        this.transactions = transactions;
        this.config = config;
    }

    /** Publishes {@code events} atomically, in this order; throws if the transaction did not commit in time. */
    public void publish(JobEvent... events) {
        List<JobEvent> batch = List.of(events);
        Future<?> committed = transactionThread.submit(() -> transactions.withTransaction(emitter -> {
            batch.forEach(event -> emitter.send(KafkaRecord.of(topicOf(event), event.jobId().toString(), event)));
            return Uni.createFrom().voidItem();
        }).await().atMost(config.publishTimeout()));
        try {
            committed.get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException waitedTooLong) {
            // Still queued: it will not run. Already running: its own deadline aborts it.
            committed.cancel(false);
            throw new EventNotPublishedException(batch, waitedTooLong);
        } catch (ExecutionException notCommitted) {
            throw new EventNotPublishedException(batch, notCommitted.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(batch, interrupted);
        }
    }

    static String topicOf(JobEvent event) {
        if (event instanceof JobAccepted) {
            return Topics.JOBS_ACCEPTED;
        } else if (event instanceof AudioReady) {
            return Topics.AUDIO_READY;
        } else if (event instanceof FeaturesReady) {
            return Topics.FEATURES_READY;
        } else if (event instanceof JobFailed) {
            return Topics.JOBS_FAILED;
        }
        throw new IllegalArgumentException("ingest does not publish " + event.getClass().getSimpleName());
    }

    @PreDestroy
    void stop() {
        transactionThread.shutdown();
    }
}

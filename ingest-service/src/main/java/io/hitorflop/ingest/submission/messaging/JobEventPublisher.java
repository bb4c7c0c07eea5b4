package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.ingest.config.IngestConfig;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events of one job step as one Kafka transaction, keyed by job id: a job's
 * {@code JobAccepted} and its {@code AudioReady} or {@code FeaturesReady} become visible to the
 * consumers (all {@code read_committed}) together or not at all, so a crash between them cannot
 * leave a job that exists but never moves. The call blocks until the transaction is committed,
 * so a 202 is only given for a durably queued job; a caller that stopped waiting gets its
 * transaction aborted instead.
 *
 * <p>The producer is a plain {@code KafkaProducer} rather than a Reactive Messaging channel:
 * after a broker outage longer than its {@code max.block.ms} a producer whose abort timed out
 * refuses every later transaction, and only its owner can replace it
 * ({@link RecoveringTransactionalProducer}). Every blocking call of the producer is bounded by the
 * publish time-out, so a submission during an outage ends within it. Transactions run one after
 * another on a thread of their own (a producer runs one transaction at a time).
 */
@ApplicationScoped
public class JobEventPublisher {

    private final RecoveringTransactionalProducer<String, JobEvent> producer;
    private final IngestConfig config;
    private final ExecutorService transactionThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "job-event-transactions");
        thread.setDaemon(true);
        return thread;
    });

    JobEventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json, IngestConfig config) {
        this.config = config;
        Map<String, Object> settings = producerSettings(kafka, config);
        this.producer = new RecoveringTransactionalProducer<>(() -> new KafkaProducer<>(settings,
                new StringSerializer(), new ObjectMapperSerializer<JobEvent>(json)), Clock.systemUTC());
    }

    /** Publishes {@code events} atomically, in this order; throws if the transaction did not commit in time. */
    public void publish(JobEvent... events) {
        List<JobEvent> batch = List.of(events);
        List<ProducerRecord<String, JobEvent>> records = batch.stream()
                .map(event -> new ProducerRecord<>(topicOf(event), event.jobId().toString(), event))
                .toList();
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<?> committed = transactionThread.submit(() -> producer.sendInOneTransaction(records, () -> !abandoned.get()));
        try {
            committed.get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException waitedTooLong) {
            // Still queued: it will not run. Already running: it aborts instead of committing.
            abandoned.set(true);
            committed.cancel(false);
            throw new EventNotPublishedException(batch, waitedTooLong);
        } catch (ExecutionException notCommitted) {
            throw new EventNotPublishedException(batch, notCommitted.getCause());
        } catch (InterruptedException interrupted) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(batch, interrupted);
        }
    }

    /** When the transaction now running started; empty when none runs. */
    public Optional<Instant> busySince() {
        return producer.busySince();
    }

    /** Start of the run of failed transactions since the last commit; empty when the last one committed. */
    public Optional<Instant> failingSince() {
        return producer.failingSince();
    }

    /** Producers replaced after a lost transaction state since start. */
    public int producersReplaced() {
        return producer.producersReplaced();
    }

    /**
     * The shared {@code kafka.*} settings plus the transactional ones. Each blocking step is bounded
     * by the publish time-out: {@code max.block.ms} (init, metadata, commit, abort),
     * {@code delivery.timeout.ms} (the flush before a commit), and a request time-out that leaves
     * room for one retry within it.
     */
    static Map<String, Object> producerSettings(Map<String, Object> kafka, IngestConfig config) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        long publishMillis = config.publishTimeout().toMillis();
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactions().id());
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactions().timeout().toMillis());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishMillis);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, publishMillis / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publishMillis);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-job-events");
        return settings;
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
        try {
            transactionThread.awaitTermination(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}

package io.hitorflop.ingest.submission.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.service.messaging.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closes transactions of ingest's producer that a partition holds open although the coordinator
 * completed them ({@link HangingTransaction}): a broker that shut down between the coordinator's
 * CompleteCommit and the partition's COMMIT marker left one once (FaultScenariosIT, Kafka 4.4),
 * and until it is closed every read_committed reader of that partition stops at it, so a job
 * answered 202 never moves. Kafka's remedy ({@code kafka-transactions.sh find-hanging} / {@code
 * abort}) is operator work; this does it without a hand, every {@code repair.interval} and soon
 * after the producer recovers from failed transactions.
 *
 * <p>A hanging transaction is closed the way it ended, as {@link TransactionOutcomes} remembers:
 * <ul>
 *   <li>committed: its first record in the partition is read back (read_uncommitted) and
 *       published again to that partition by the same producer; the COMMIT marker of that new
 *       transaction closes the open one as committed (the broker keeps one open transaction per
 *       producer and partition), and the consumers drop the duplicate event (README);</li>
 *   <li>aborted: {@code Admin.abortTransaction} writes the ABORT marker (KIP-664);</li>
 *   <li>unknown (from before a restart of ingest, or forgotten): closed as committed, logged as an
 *       ERROR with the job id. Losing a job answered 202 breaks the pipeline's promise, while a
 *       resurrected one was refused with 503 (its client may have retried: a duplicate job); and
 *       the next transaction of this producer in that partition would commit it anyway.</li>
 * </ul>
 */
@ApplicationScoped
public class HangingTransactionRepair {

    private static final Logger LOG = Logger.getLogger(HangingTransactionRepair.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    enum Closing { AS_COMMITTED, AS_ABORTED }

    private final JobEventPublisher publisher;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;
    private final IngestConfig config;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hanging-transaction-repair");
        thread.setDaemon(true);
        return thread;
    });
    private Admin admin;

    @Inject
    HangingTransactionRepair(JobEventPublisher publisher, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                             ObjectMapper json, IngestConfig config, MeterRegistry meters) {
        this(publisher, kafka, json, config, meters, Clock.systemUTC());
    }

    HangingTransactionRepair(JobEventPublisher publisher, Map<String, Object> kafka, ObjectMapper json,
                             IngestConfig config, MeterRegistry meters, Clock clock) {
        this.publisher = publisher;
        this.kafka = kafka;
        this.json = json;
        this.config = config;
        this.meters = meters;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        long interval = config.transactions().repair().interval().toMillis();
        checks.scheduleWithFixedDelay(this::checkAndLog, interval, interval, TimeUnit.MILLISECONDS);
        // a marker lost in an outage hangs from before it: it is old enough one time-out after the recovery
        long afterRecovery = config.transactions().timeout().plusSeconds(1).toMillis();
        publisher.whenRecovered(() -> checks.schedule(this::checkAndLog, afterRecovery, TimeUnit.MILLISECONDS));
    }

    /** How a hanging transaction is closed, given what this instance remembers of its end. */
    static Closing closingOf(Optional<TransactionOutcomes.Write> remembered) {
        return remembered.filter(write -> write.outcome() == TransactionOutcomes.Outcome.ABORTED)
                .map(aborted -> Closing.AS_ABORTED)
                .orElse(Closing.AS_COMMITTED);
    }

    /** One check: finds this producer's hanging transactions and closes each; returns what it found. */
    List<HangingTransaction> check() throws ExecutionException, InterruptedException, TimeoutException, IOException {
        Admin client = admin();
        String transactionalId = config.transactions().id();
        TransactionDescription own;
        try {
            own = client.describeTransactions(List.of(transactionalId)).description(transactionalId)
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException unknown) {
            if (unknown.getCause() instanceof TransactionalIdNotFoundException) {
                return List.of(); // this producer never began a transaction
            }
            throw unknown;
        }
        List<HangingTransaction> hanging = HangingTransaction.find(own.producerId(), own.topicPartitions(),
                producersByPartition(client), clock.instant(), config.transactions().timeout());
        for (HangingTransaction transaction : hanging) {
            close(client, transaction);
        }
        return hanging;
    }

    private void checkAndLog() {
        try {
            check();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException failed) {
            LOG.warnf("could not check the job topics for hanging transactions (next check in %s): %s",
                    config.transactions().repair().interval(), failed.toString());
        }
    }

    private void close(Admin client, HangingTransaction hanging)
            throws ExecutionException, InterruptedException, TimeoutException, IOException {
        Optional<TransactionOutcomes.Write> remembered = publisher.outcomes().startingAt(hanging.partition(), hanging.startOffset());
        String outcome = remembered.isPresent() ? "known" : "unknown";
        if (closingOf(remembered) == Closing.AS_ABORTED) {
            client.abortTransaction(new AbortTransactionSpec(hanging.partition(), hanging.producerId(), hanging.producerEpoch(),
                    hanging.coordinatorEpoch().orElse(0))).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.warnf("aborted the hanging transaction in %s from offset %d to %d (producer %d, epoch %d, last write %s), "
                            + "as this instance had aborted it: jobs %s",
                    hanging.partition(), hanging.startOffset(), remembered.get().lastOffset(), hanging.producerId(),
                    hanging.producerEpoch(), hanging.lastWrite(), remembered.get().jobIds());
            count("aborted", outcome);
            return;
        }
        JobEvent first = firstEventOf(hanging);
        if (remembered.isEmpty()) {
            LOG.errorf("a hanging transaction in %s from offset %d (producer %d, epoch %d, last write %s) ended unknown "
                            + "to this instance; closing it as committed, so job %s (and any later job of that "
                            + "transaction in this partition) runs: it may have been answered 503",
                    hanging.partition(), hanging.startOffset(), hanging.producerId(), hanging.producerEpoch(),
                    hanging.lastWrite(), first.jobId());
        }
        publisher.republish(hanging.partition(), first);
        LOG.warnf("closed the hanging transaction in %s from offset %d (producer %d, epoch %d, last write %s) as "
                        + "committed by publishing its first event %s of job %s again: jobs %s",
                hanging.partition(), hanging.startOffset(), hanging.producerId(), hanging.producerEpoch(), hanging.lastWrite(),
                first.eventId(), first.jobId(), remembered.map(TransactionOutcomes.Write::jobIds).map(Object::toString)
                        .orElse("unknown"));
        count("committed", outcome);
    }

    private void count(String closedAs, String outcome) {
        meters.counter("hitorflop.ingest.transactions.repaired", "closed-as", closedAs, "outcome", outcome).increment();
    }

    /** The record at the hanging transaction's start offset, read uncommitted (committed readers stop before it). */
    private JobEvent firstEventOf(HangingTransaction hanging) throws IOException, TimeoutException {
        Map<String, Object> settings = KafkaClientSettings.understoodBy(ConsumerConfig.configNames(), kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-hanging-transaction-repair");
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(hanging.partition()));
            consumer.seek(hanging.partition(), hanging.startOffset());
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == hanging.startOffset()) {
                        return json.readValue(record.value(), JobEventPublisher.EVENT_TYPES.get(record.topic()));
                    }
                }
            }
        }
        throw new TimeoutException("the record at " + hanging.partition() + "@" + hanging.startOffset()
                + " could not be read within " + config.publishTimeout());
    }

    private Map<TopicPartition, List<ProducerState>> producersByPartition(Admin client) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (KafkaFuture<TopicDescription> topic
                : client.describeTopics(JobEventPublisher.EVENT_TYPES.keySet()).topicNameValues().values()) {
            available(topic).ifPresent(description -> description.partitions().forEach(partition ->
                    partitions.add(new TopicPartition(description.name(), partition.partition()))));
        }
        DescribeProducersResult described = client.describeProducers(partitions);
        Map<TopicPartition, List<ProducerState>> producers = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            available(described.partitionResult(partition))
                    .ifPresent(description -> producers.put(partition, description.activeProducers()));
        }
        return producers;
    }

    /** The result, or empty when this one topic or partition could not be described (missing, leaderless): the next check tries again. */
    private static <T> Optional<T> available(KafkaFuture<T> result) throws InterruptedException {
        try {
            return Optional.of(result.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException notDescribed) {
            LOG.debugf("not described now: %s", notDescribed.toString());
            return Optional.empty();
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = KafkaClientSettings.understoodBy(AdminClientConfig.configNames(), kafka);
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-hanging-transaction-repair");
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis() / 2);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}

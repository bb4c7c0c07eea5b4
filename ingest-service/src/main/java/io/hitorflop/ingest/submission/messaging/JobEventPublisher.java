package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.service.messaging.KafkaClientSettings;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events of one job step as one atomic unit, keyed by job id: a job's
 * {@code JobAccepted} and its {@code AudioReady} or {@code FeaturesReady} become visible to the
 * consumers (all {@code read_committed}) together or not at all, so a crash between them cannot
 * leave a job that exists but never moves. The call blocks until the transaction is committed,
 * so a 202 is only given for a durably queued job; a caller that stopped waiting before its events
 * were claimed for a commit never has them committed ({@link PendingPublication}).
 *
 * <p>Group commits: a producer runs one transaction at a time, on a thread of its own. Callers that
 * arrive while it runs queue up, and the next transaction carries all of them, up to
 * {@code hitorflop.ingest.transactions.max-events} events, after waiting at most
 * {@code hitorflop.ingest.transactions.linger} for more; so a burst of submissions costs a few
 * transactions instead of one each. A transaction that fails fails every caller in it with that
 * failure (none of its events is visible); one whose member gave up just before the commit is
 * aborted and the others go again in the next one.
 *
 * <p>The producer is a plain {@code KafkaProducer} rather than a Reactive Messaging channel:
 * after a broker outage longer than its {@code max.block.ms} a producer whose abort timed out
 * refuses every later transaction, and only its owner can replace it
 * ({@link RecoveringTransactionalProducer}). Every blocking call of the producer is bounded by the
 * publish time-out, so a submission during an outage ends within it.
 */
@ApplicationScoped
public class JobEventPublisher {

    private static final Logger LOG = Logger.getLogger(JobEventPublisher.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    /** The topics ingest writes, with the event each carries. */
    static final Map<String, Class<? extends JobEvent>> EVENT_TYPES = Map.of(
            Topics.JOBS_ACCEPTED, JobAccepted.class,
            Topics.AUDIO_READY, AudioReady.class,
            Topics.FEATURES_READY, FeaturesReady.class,
            Topics.JOBS_FAILED, JobFailed.class);

    private final RecoveringTransactionalProducer<String, JobEvent> producer;
    private final TransactionOutcomes outcomes;
    private final IngestConfig config;
    private final DistributionSummary eventsPerTransaction;
    private final BlockingQueue<PendingPublication> waiting = new LinkedBlockingQueue<>();
    /** Taken from the queue but too large for the group being formed: it opens the next one. */
    private PendingPublication carriedOver;
    private volatile boolean stopping;
    private final Thread transactionThread;

    @Inject
    JobEventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json, IngestConfig config,
                      MeterRegistry meters) {
        this(kafka, json, config, meters, outcomesOf(config, Clock.systemUTC()));
    }

    private JobEventPublisher(Map<String, Object> kafka, ObjectMapper json, IngestConfig config, MeterRegistry meters,
                              TransactionOutcomes outcomes) {
        this(new RecoveringTransactionalProducer<>(() -> new KafkaProducer<>(producerSettings(kafka, config),
                new StringSerializer(), new ObjectMapperSerializer<JobEvent>(json)), Clock.systemUTC(), outcomes),
                outcomes, config, meters);
    }

    JobEventPublisher(RecoveringTransactionalProducer<String, JobEvent> producer, TransactionOutcomes outcomes,
                      IngestConfig config, MeterRegistry meters) {
        this.config = config;
        this.producer = producer;
        this.outcomes = outcomes;
        this.eventsPerTransaction = DistributionSummary.builder("hitorflop.ingest.transaction.events")
                .description("Job events per committed Kafka transaction (group commits)")
                .register(meters);
        this.transactionThread = new Thread(this::commitGroups, "job-event-transactions");
        transactionThread.setDaemon(true);
        transactionThread.start();
    }

    /** Publishes {@code events} atomically, in this order; throws if the transaction did not commit in time. */
    public void publish(JobEvent... events) {
        await(enqueue(List.of(events)));
    }

    /**
     * Publishes many jobs in one call (a batch of submissions): each inner list is one job's events,
     * committed atomically as by {@link #publish}; jobs share transactions, as many as they need.
     * The jobs are handed over one transaction's worth ({@code max-events}) at a time, each part
     * waiting at most the publish time-out, so a long list neither floods the queue nor runs into
     * one time-out as a whole.
     *
     * @return per job, in order: empty when committed, else why not (then none of its events is visible)
     */
    public List<Optional<EventNotPublishedException>> publishAll(List<List<JobEvent>> jobs) {
        List<Optional<EventNotPublishedException>> outcomes = new ArrayList<>(jobs.size());
        int from = 0;
        while (from < jobs.size()) {
            int to = from;
            int events = 0;
            while (to < jobs.size() && (to == from || events + jobs.get(to).size() <= config.transactions().maxEvents())) {
                events += jobs.get(to++).size();
            }
            List<PendingPublication> part = jobs.subList(from, to).stream().map(this::enqueue).toList();
            for (PendingPublication job : part) {
                try {
                    await(job);
                    outcomes.add(Optional.empty());
                } catch (EventNotPublishedException notPublished) {
                    outcomes.add(Optional.of(notPublished));
                }
            }
            from = to;
        }
        return outcomes;
    }

    /**
     * Publishes {@code event} again, to {@code partition} (which must be a partition of its topic),
     * in a transaction of this producer: its commit marker also closes a transaction this producer
     * left open in that partition ({@link HangingTransactionRepair}).
     */
    void republish(TopicPartition partition, JobEvent event) {
        if (!partition.topic().equals(topicOf(event))) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not belong on " + partition);
        }
        await(enqueue(List.of(event), List.of(new ProducerRecord<>(partition.topic(), partition.partition(),
                event.jobId().toString(), event))));
    }

    private PendingPublication enqueue(List<JobEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events to publish");
        }
        return enqueue(events, events.stream()
                .map(event -> new ProducerRecord<>(topicOf(event), event.jobId().toString(), event))
                .toList());
    }

    private PendingPublication enqueue(List<JobEvent> events, List<ProducerRecord<String, JobEvent>> records) {
        PendingPublication pending = new PendingPublication(List.copyOf(events), records);
        if (stopping) {
            throw new EventNotPublishedException(pending.events(), new IllegalStateException("the service is stopping"));
        }
        waiting.add(pending);
        return pending;
    }

    private void await(PendingPublication pending) {
        long timeoutMillis = config.publishTimeout().toMillis();
        try {
            pending.outcome().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException gaveUp) {
            boolean interrupted = gaveUp instanceof InterruptedException;
            if (pending.abandon()) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new EventNotPublishedException(pending.events(), gaveUp);
            }
            // claimed by a commit just now: its outcome is bounded by max.block.ms, the publish time-out
            awaitClaimed(pending, timeoutMillis, interrupted);
        } catch (ExecutionException notCommitted) {
            throw new EventNotPublishedException(pending.events(), notCommitted.getCause());
        }
    }

    private static void awaitClaimed(PendingPublication pending, long timeoutMillis, boolean interrupted) {
        try {
            pending.outcome().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException notCommitted) {
            throw new EventNotPublishedException(pending.events(), notCommitted.getCause());
        } catch (TimeoutException | InterruptedException e) {
            interrupted |= e instanceof InterruptedException;
            throw new EventNotPublishedException(pending.events(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The transaction thread: one group after another until stopped and nothing waits. */
    private void commitGroups() {
        try {
            while (true) {
                List<PendingPublication> group = nextGroup();
                if (group == null) {
                    return;
                }
                commit(group);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            failAll(new IllegalStateException("the service is stopping"));
        }
    }

    /** The next group: what waits (or arrives within the linger), up to max-events; null once stopped and drained. */
    private List<PendingPublication> nextGroup() throws InterruptedException {
        PendingPublication first = carriedOver;
        carriedOver = null;
        while (first == null || first.abandoned()) {
            first = waiting.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null && stopping) {
                return null;
            }
        }
        List<PendingPublication> group = new ArrayList<>();
        group.add(first);
        int events = first.records().size();
        long lingerEnds = System.nanoTime() + config.transactions().linger().toNanos();
        int maxEvents = config.transactions().maxEvents();
        while (events < maxEvents) {
            PendingPublication next = waiting.poll();
            if (next == null) {
                long lingerLeft = lingerEnds - System.nanoTime();
                next = lingerLeft > 0 ? waiting.poll(lingerLeft, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
            }
            if (next.abandoned()) {
                continue;
            }
            if (events + next.records().size() > maxEvents) {
                carriedOver = next;
                break;
            }
            group.add(next);
            events += next.records().size();
        }
        return group;
    }

    /**
     * Commits the group in one transaction. Its members are claimed after their records are
     * written, just before the commit; if one of them was abandoned meanwhile, the transaction is
     * aborted and the rest go again.
     */
    private void commit(List<PendingPublication> group) {
        List<PendingPublication> members = group;
        while (true) {
            List<PendingPublication> wanted = members.stream().filter(member -> !member.abandoned()).toList();
            if (wanted.isEmpty()) {
                return;
            }
            List<ProducerRecord<String, JobEvent>> records = wanted.stream()
                    .flatMap(member -> member.records().stream()).toList();
            AtomicBoolean memberGaveUp = new AtomicBoolean();
            try {
                producer.sendInOneTransaction(records, () -> {
                    memberGaveUp.set(!claimAll(wanted));
                    return !memberGaveUp.get();
                });
            } catch (RuntimeException notCommitted) {
                if (memberGaveUp.get()) {
                    LOG.debugf("a caller gave up before the commit: %d jobs go again", wanted.size() - 1);
                    members = wanted;
                    continue;
                }
                wanted.forEach(member -> member.outcome().completeExceptionally(notCommitted));
                return;
            }
            eventsPerTransaction.record(records.size());
            wanted.forEach(member -> member.outcome().complete(null));
            return;
        }
    }

    private static boolean claimAll(List<PendingPublication> members) {
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).claim()) {
                members.subList(0, i).forEach(PendingPublication::release);
                return false;
            }
        }
        return true;
    }

    private void failAll(RuntimeException reason) {
        if (carriedOver != null) {
            carriedOver.outcome().completeExceptionally(reason);
        }
        for (PendingPublication pending = waiting.poll(); pending != null; pending = waiting.poll()) {
            pending.outcome().completeExceptionally(reason);
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

    /** How this instance's recent transactions ended. */
    TransactionOutcomes outcomes() {
        return outcomes;
    }

    /** Runs {@code action} (briefly: on the transaction thread) after a commit that ends a run of failed transactions. */
    void whenRecovered(Runnable action) {
        producer.whenRecovered(action);
    }

    private static TransactionOutcomes outcomesOf(IngestConfig config, Clock clock) {
        IngestConfig.Repair repair = config.transactions().repair();
        return new TransactionOutcomes(clock, repair.remember(), repair.rememberMax());
    }

    /**
     * The shared {@code kafka.*} settings plus the transactional ones. Each blocking step is bounded
     * by the publish time-out: {@code max.block.ms} (init, metadata, commit, abort),
     * {@code delivery.timeout.ms} (the flush before a commit), and a request time-out that leaves
     * room for one retry within it.
     */
    static Map<String, Object> producerSettings(Map<String, Object> kafka, IngestConfig config) {
        Map<String, Object> settings = KafkaClientSettings.understoodBy(ProducerConfig.configNames(), kafka);
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
        return EVENT_TYPES.entrySet().stream()
                .filter(topic -> topic.getValue().isInstance(event))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("ingest does not publish " + event.getClass().getSimpleName()));
    }

    @PreDestroy
    void stop() {
        // what already waits is still committed; later callers are refused
        stopping = true;
        try {
            transactionThread.join(config.publishTimeout().toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (transactionThread.isAlive()) {
            transactionThread.interrupt();
        }
        producer.close();
    }
}

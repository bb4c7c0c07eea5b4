package io.hitorflop.results.job.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.results.job.service.CatchUpGate;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells when this replica has read what was waiting in the five pipeline topics when its consumers
 * got their partitions: every assigned partition processed up to the end offset it had at
 * assignment (Kafka's {@code endOffsets}, read on the consumer's own thread by this rebalance
 * listener). Until then a job's verdict may be waiting unread, so the sweeper must not fail it
 * and the service is not ready.
 * <p>
 * A partition counts as read when its last processed record is the one before that end offset, or,
 * as a transaction's commit marker takes an offset of its own and never reaches a consumer, when
 * the consumer's position has passed the end and the channel has handed out nothing for
 * {@link #QUIET_PERIOD} (so no record fetched before the end is still queued for it). The
 * dead-letter channels are not waited for: a dead letter only fails its job, as the sweeper would.
 * The gate opens once and stays open; partitions assigned later (another replica left) are not
 * waited for, and partitions taken away before it opens (another replica joined) are that
 * replica's to read.
 */
@ApplicationScoped
@Default // also injected by type (sweeper, consumers, health check), besides by name (the channels)
@Identifier(ConsumerCatchUp.NAME)
public class ConsumerCatchUp implements KafkaConsumerRebalanceListener, CatchUpGate {

    /** The name the five channels give as {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "results-catch-up";
    static final Duration QUIET_PERIOD = Duration.ofSeconds(2);
    private static final Duration POSITIONS_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ConsumerCatchUp.class);
    private static final Map<String, String> CHANNEL_BY_TOPIC = Map.of(
            Topics.JOBS_ACCEPTED, "jobs-accepted",
            Topics.AUDIO_READY, "audio-ready",
            Topics.FEATURES_READY, "features-ready",
            Topics.VERDICTS, "verdicts",
            Topics.JOBS_FAILED, "jobs-failed");

    private final KafkaClientService kafka;
    private final ServiceLifecycle lifecycle;
    private final Set<String> assignedTopics = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> endsAtAssignment = new ConcurrentHashMap<>();
    /** Per partition, the offset after the last record processed. */
    private final Map<TopicPartition, Long> processedUpTo = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
    private final Map<String, Long> lastActivityNanos = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    ConsumerCatchUp(KafkaClientService kafka, ServiceLifecycle lifecycle) {
        this.kafka = kafka;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            consumer.endOffsets(partitions).forEach(endsAtAssignment::putIfAbsent);
        }
        for (String topic : consumer.subscription()) {
            lastActivityNanos.put(topic, System.nanoTime());
            assignedTopics.add(topic);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!caughtUp) {
            partitions.forEach(endsAtAssignment::remove);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** A record of {@code topic} is handed to its consumer method. */
    void processing(String topic) {
        inProgress.computeIfAbsent(topic, ignored -> new AtomicInteger()).incrementAndGet();
        lastActivityNanos.put(topic, System.nanoTime());
    }

    /** The record at {@code offset} has been applied, refused or dead-lettered. */
    void processed(String topic, int partition, long offset) {
        processedUpTo.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
        lastActivityNanos.put(topic, System.nanoTime());
        inProgress.get(topic).decrementAndGet();
    }

    @Override
    public boolean caughtUp() {
        return caughtUp;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (caughtUp || lifecycle.stopping()) {
            return;
        }
        try {
            if (CHANNEL_BY_TOPIC.keySet().stream().allMatch(this::topicCaughtUp)) {
                caughtUp = true;
                LOG.infof("the pipeline topics are read up to their end offsets at assignment (%d partitions): "
                        + "the stuck-job sweeper may run", endsAtAssignment.size());
            }
        } catch (RuntimeException e) {
            LOG.debugf("catch-up not known yet: %s", e.getMessage());
        }
    }

    private boolean topicCaughtUp(String topic) {
        if (!assignedTopics.contains(topic)) {
            return false;
        }
        List<Map.Entry<TopicPartition, Long>> behind = endsAtAssignment.entrySet().stream()
                .filter(end -> end.getKey().topic().equals(topic))
                .filter(end -> processedUpTo.getOrDefault(end.getKey(), 0L) < end.getValue())
                .toList();
        if (behind.isEmpty()) {
            return true;
        }
        AtomicInteger busy = inProgress.get(topic);
        boolean quiet = (busy == null || busy.get() == 0)
                && System.nanoTime() - lastActivityNanos.get(topic) >= QUIET_PERIOD.toNanos();
        if (!quiet) {
            return false;
        }
        Map<TopicPartition, Long> positions = kafka.getConsumer(CHANNEL_BY_TOPIC.get(topic)).getPositions()
                .await().atMost(POSITIONS_TIMEOUT);
        return behind.stream().allMatch(end -> positions.getOrDefault(end.getKey(), -1L) >= end.getValue());
    }
}

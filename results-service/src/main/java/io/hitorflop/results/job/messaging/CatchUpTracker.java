package io.hitorflop.results.job.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
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
 * Tells when a group of channels, each reading one topic, has read what was waiting in its topics
 * when its consumers got their partitions: every assigned partition processed up to the end offset
 * it had at assignment (Kafka's {@code endOffsets}, read on the consumer's own thread by the
 * rebalance listener that owns this tracker).
 * <p>
 * A partition counts as read when its last processed record is the one before that end offset, or,
 * as a transaction's commit marker takes an offset of its own and never reaches a consumer, when
 * the consumer's position has passed the end and the channel has handed out nothing for
 * {@link #QUIET_PERIOD} (so no record fetched before the end is still queued for it). The tracker
 * opens once and stays open; partitions assigned later (another replica left) are not waited for,
 * and partitions taken away before it opens (another replica joined) are that replica's to read.
 * One tracker per listener: the topics of its channels must differ (partitions are told apart by
 * topic), which is why two consumer groups reading one topic need two listeners.
 */
public final class CatchUpTracker {

    static final Duration QUIET_PERIOD = Duration.ofSeconds(2);
    private static final Duration POSITIONS_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(CatchUpTracker.class);

    private final Map<String, String> channelByTopic;
    private final KafkaClientService kafka;
    private final String readers;
    private final Set<String> assignedTopics = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> endsAtAssignment = new ConcurrentHashMap<>();
    /** Per partition, the offset after the last record processed. */
    private final Map<TopicPartition, Long> processedUpTo = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
    private final Map<String, Long> lastActivityNanos = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    /**
     * @param channelByTopic the channels to wait for, by the topic each reads
     * @param readers        who may act once they are caught up, for the log line ("the stuck-job sweeper")
     */
    public CatchUpTracker(Map<String, String> channelByTopic, KafkaClientService kafka, String readers) {
        this.channelByTopic = Map.copyOf(channelByTopic);
        this.kafka = kafka;
        this.readers = readers;
    }

    public void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            consumer.endOffsets(partitions).forEach(endsAtAssignment::putIfAbsent);
        }
        for (String topic : consumer.subscription()) {
            lastActivityNanos.put(topic, System.nanoTime());
            assignedTopics.add(topic);
        }
    }

    public void revoked(Collection<TopicPartition> partitions) {
        if (!caughtUp) {
            partitions.forEach(endsAtAssignment::remove);
        }
    }

    /** A record of {@code topic} is handed to its consumer method. */
    public void processing(String topic) {
        inProgress.computeIfAbsent(topic, ignored -> new AtomicInteger()).incrementAndGet();
        lastActivityNanos.put(topic, System.nanoTime());
    }

    /** The record at {@code offset} has been applied, refused or dead-lettered. */
    public void processed(String topic, int partition, long offset) {
        processedUpTo.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
        lastActivityNanos.put(topic, System.nanoTime());
        inProgress.get(topic).decrementAndGet();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Opens the tracker when every channel has read up to its ends; called every second by its owner. */
    public void check() {
        if (caughtUp) {
            return;
        }
        try {
            if (channelByTopic.keySet().stream().allMatch(this::topicCaughtUp)) {
                caughtUp = true;
                LOG.infof("%s read up to their end offsets at assignment (%d partitions): %s may run",
                        channelByTopic.values(), endsAtAssignment.size(), readers);
            }
        } catch (RuntimeException e) {
            LOG.debugf("catch-up of %s not known yet: %s", channelByTopic.values(), e.getMessage());
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
        Map<TopicPartition, Long> positions = kafka.getConsumer(channelByTopic.get(topic)).getPositions()
                .await().atMost(POSITIONS_TIMEOUT);
        return behind.stream().allMatch(end -> positions.getOrDefault(end.getKey(), -1L) >= end.getValue());
    }
}

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

import java.util.Collection;
import java.util.Map;

/**
 * Tells when this replica has read what was waiting in the five pipeline topics when its consumers
 * got their partitions ({@link CatchUpTracker}). Until then a job's verdict may be waiting unread,
 * so the sweeper must not fail it and the service is not ready. The dead-letter channels are not
 * waited for: a dead letter only fails its job, as the sweeper would.
 */
@ApplicationScoped
@Default // also injected by type (sweeper, consumers, health check), besides by name (the channels)
@Identifier(ConsumerCatchUp.NAME)
public class ConsumerCatchUp implements KafkaConsumerRebalanceListener, CatchUpGate {

    /** The name the five channels give as {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "results-catch-up";

    private final ServiceLifecycle lifecycle;
    private final CatchUpTracker tracker;

    ConsumerCatchUp(KafkaClientService kafka, ServiceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.tracker = new CatchUpTracker(Map.of(
                Topics.JOBS_ACCEPTED, "jobs-accepted",
                Topics.AUDIO_READY, "audio-ready",
                Topics.FEATURES_READY, "features-ready",
                Topics.VERDICTS, "verdicts",
                Topics.JOBS_FAILED, "jobs-failed"), kafka, "the stuck-job sweeper");
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.assigned(consumer, partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.revoked(partitions);
    }

    void processing(String topic) {
        tracker.processing(topic);
    }

    void processed(String topic, int partition, long offset) {
        tracker.processed(topic, partition, offset);
    }

    @Override
    public boolean caughtUp() {
        return tracker.caughtUp();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!lifecycle.stopping()) {
            tracker.check();
        }
    }
}

package io.hitorflop.results.job.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Tells when this replica has read what was waiting in the five pipeline topics when its consumers
 * got their partitions ({@link CatchUpTracker}). Until then a job's verdict may be waiting unread,
 * so the sweeper must not fail it and the service is not ready. The dead-letter channels are not
 * waited for: a dead letter only fails its job, as the sweeper would.
 */
@Singleton // not proxied: its superclass has no no-args constructor
@Default // also injected by type (sweeper, consumers, health check), besides by name (the channels)
@Identifier(ConsumerCatchUp.NAME)
public class ConsumerCatchUp extends CatchUpListener {

    /** The name the five channels give as {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "results-catch-up";

    ConsumerCatchUp(KafkaClientService kafka, ServiceLifecycle lifecycle) {
        super(new CatchUpTracker(Map.of(
                Topics.JOBS_ACCEPTED, "jobs-accepted",
                Topics.AUDIO_READY, "audio-ready",
                Topics.FEATURES_READY, "features-ready",
                Topics.VERDICTS, "verdicts",
                Topics.JOBS_FAILED, "jobs-failed"), kafka, "the stuck-job sweeper"), lifecycle);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        checkUnlessStopping();
    }
}

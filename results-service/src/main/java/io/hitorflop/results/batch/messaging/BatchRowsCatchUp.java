package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.results.job.messaging.CatchUpListener;
import io.hitorflop.results.job.messaging.CatchUpTracker;
import io.hitorflop.results.job.service.CatchUpGate;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Tells when this replica has read the batch rows that were waiting when its batch channels got
 * their partitions: the jobs of batch rows ({@code batch-rows}, group {@code results-batch-rows})
 * and the rejected rows ({@code batch-events}). Until then a batch's rows may be waiting unread,
 * so {@code BatchCompletion} must not count them lost. Not the pipeline channels' listener: this
 * group reads {@code hitorflop.jobs.accepted} too, and a tracker tells partitions apart by topic.
 * Injected by name ({@link #NAME}), so that an unqualified {@link CatchUpGate} stays the pipeline's.
 */
@Singleton // not proxied: its superclass has no no-args constructor
@Identifier(BatchRowsCatchUp.NAME)
public class BatchRowsCatchUp extends CatchUpListener {

    /** The name the two channels give as {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "results-batch-catch-up";

    BatchRowsCatchUp(KafkaClientService kafka, ServiceLifecycle lifecycle) {
        super(new CatchUpTracker(Map.of(Topics.JOBS_ACCEPTED, "batch-rows", Topics.BATCHES, "batch-events"),
                kafka, "the lost-rows check of batches"), lifecycle);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        checkUnlessStopping();
    }
}

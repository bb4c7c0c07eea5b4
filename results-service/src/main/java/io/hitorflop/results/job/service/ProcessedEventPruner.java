package io.hitorflop.results.job.service;

import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Forgets the ids of events applied longer ago than the retention, so the redelivery guard does
 * not grow without bound; by then the topics no longer hold those events.
 */
@ApplicationScoped
public class ProcessedEventPruner {

    private static final Logger LOG = Logger.getLogger(ProcessedEventPruner.class);

    private final JobStore store;
    private final Duration retention;
    private final ServiceLifecycle lifecycle;

    ProcessedEventPruner(JobStore store, ResultsConfig config, ServiceLifecycle lifecycle) {
        this.store = store;
        this.retention = config.processedEvents().retention();
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${hitorflop.results.processed-events.prune-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        if (lifecycle.stopping()) {
            return;
        }
        Instant cutoff = Instant.now().minus(retention);
        int forgotten = QuarkusTransaction.requiringNew().call(() -> store.forgetEventsProcessedBefore(cutoff));
        if (forgotten > 0) {
            LOG.infof("forgot %d event ids applied before %s", forgotten, cutoff);
        }
    }
}

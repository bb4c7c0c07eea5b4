package io.hitorflop.results.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Knows when the service has begun to stop. During a stop the database goes away while Kafka
 * records may still be in flight (a rebalance even hands back records already applied); a failure
 * then says nothing about the record, so it must neither be retried nor dead-lettered, only left
 * uncommitted for the next consumer.
 */
@ApplicationScoped
public class ServiceLifecycle {

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}

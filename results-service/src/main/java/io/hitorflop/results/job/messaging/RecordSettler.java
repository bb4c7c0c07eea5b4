package io.hitorflop.results.job.messaging;

import io.hitorflop.results.lifecycle.ServiceLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Settles a consumed record: ack when applied; nack when it failed (the channel's failure strategy
 * then dead-letters or skips it); neither when the service is stopping, so the record stays
 * uncommitted and is redelivered to whoever consumes the partition next.
 */
@ApplicationScoped
public class RecordSettler {

    private static final Logger LOG = Logger.getLogger(RecordSettler.class);

    private final ServiceLifecycle lifecycle;

    RecordSettler(ServiceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public CompletionStage<Void> settle(Message<?> message, Runnable handling) {
        try {
            handling.run();
        } catch (RuntimeException failure) {
            if (lifecycle.stopping()) {
                LOG.infof("stopping: record left uncommitted for redelivery (%s)", failure.getMessage());
                return CompletableFuture.completedFuture(null);
            }
            return message.nack(failure);
        }
        return message.ack();
    }
}

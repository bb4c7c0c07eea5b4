package io.hitorflop.results.job.service;

import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.results.job.persistence.ExplanationStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Keeps the explanations of verdicts. An explanation changes no job state: it is stored whether or
 * not its verdict (or its job) is known yet, and the job view merges it into the verdict, so one
 * that overtakes its verdict is not lost. The first explanation of a job wins; a redelivery changes
 * nothing.
 */
@ApplicationScoped
public class ExplanationRecorder {

    private static final Logger LOG = Logger.getLogger(ExplanationRecorder.class);

    private final ExplanationStore store;
    private final Event<ExplanationStored> stored;
    private final Clock clock = Clock.systemUTC();

    ExplanationRecorder(ExplanationStore store, Event<ExplanationStored> stored) {
        this.store = store;
        this.stored = stored;
    }

    public void record(ExplanationReady explanation) {
        boolean added = QuarkusTransaction.requiringNew().call(() -> store.store(explanation, clock.instant()));
        if (added) {
            stored.fire(new ExplanationStored(explanation.jobId()));
        } else {
            LOG.debugf("explanation %s of job %s already stored", explanation.eventId(), explanation.jobId());
        }
    }
}

package io.hitorflop.results.job.service;

import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.domain.EventText;
import io.hitorflop.results.job.persistence.ExplanationStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * Keeps the explanations of verdicts, and why one will not come. An explanation changes no job
 * state: it is stored whether or not its verdict (or its job) is known yet, and the job view merges
 * it into the verdict, so one that overtakes its verdict is not lost. The first explanation of a job
 * wins; a redelivery changes nothing. An explanation that could not be computed or stored (its
 * record dead-lettered) leaves the job DONE: a verdict without reasons is still a verdict; the view
 * then says why there are none, unless an explanation is stored after all.
 */
@ApplicationScoped
public class ExplanationRecorder {

    private static final Logger LOG = Logger.getLogger(ExplanationRecorder.class);

    private final ExplanationStore store;
    private final Event<ExplanationStored> stored;
    private final EventText text;
    private final Clock clock = Clock.systemUTC();

    ExplanationRecorder(ExplanationStore store, Event<ExplanationStored> stored, ResultsConfig config) {
        this.store = store;
        this.stored = stored;
        this.text = new EventText(config.maxTextLength());
    }

    public void record(ExplanationReady explanation) {
        boolean added = QuarkusTransaction.requiringNew().call(() -> store.store(explanation, clock.instant()));
        if (added) {
            stored.fire(new ExplanationStored(explanation.jobId()));
        } else {
            LOG.debugf("explanation %s of job %s already stored", explanation.eventId(), explanation.jobId());
        }
    }

    /** The job's explanation will not come: {@code detail} (a dead letter's reason) says why. */
    public void unavailable(UUID jobId, String detail) {
        boolean added = QuarkusTransaction.requiringNew()
                .call(() -> store.storeUnavailable(jobId, text.clean(detail), clock.instant()));
        if (added) {
            stored.fire(new ExplanationStored(jobId));
        } else {
            LOG.debugf("job %s: its explanation's failure is already recorded", jobId);
        }
    }
}

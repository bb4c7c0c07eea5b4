package io.hitorflop.inference.messaging;

import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.inference.config.InferenceConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes a job's outcome keyed by job id and waits for the broker's acknowledgement. */
@ApplicationScoped
public class OutcomePublisher {

    private final MutinyEmitter<Record<String, VerdictReady>> verdicts;
    private final MutinyEmitter<Record<String, JobFailed>> failures;
    private final InferenceConfig config;

    OutcomePublisher(@Channel("verdicts") MutinyEmitter<Record<String, VerdictReady>> verdicts,
                     @Channel("jobs-failed") MutinyEmitter<Record<String, JobFailed>> failures,
                     InferenceConfig config) {
        this.verdicts = verdicts;
        this.failures = failures;
        this.config = config;
    }

    void publish(JobEvent outcome) {
        String key = outcome.jobId().toString();
        if (outcome instanceof VerdictReady verdict) {
            verdicts.send(Record.of(key, verdict)).await().atMost(config.publishTimeout());
        } else if (outcome instanceof JobFailed failure) {
            failures.send(Record.of(key, failure)).await().atMost(config.publishTimeout());
        } else {
            throw new IllegalArgumentException("inference publishes verdicts and failures, not " + outcome);
        }
    }
}

package io.hitorflop.feature.messaging;

import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.feature.config.FeatureConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes a job's features or failure keyed by job id and waits for the broker's acknowledgement. */
@ApplicationScoped
public class OutcomePublisher {

    private final MutinyEmitter<Record<String, FeaturesReady>> features;
    private final MutinyEmitter<Record<String, JobFailed>> failures;
    private final FeatureConfig config;

    OutcomePublisher(@Channel("features-ready") MutinyEmitter<Record<String, FeaturesReady>> features,
                     @Channel("jobs-failed") MutinyEmitter<Record<String, JobFailed>> failures,
                     FeatureConfig config) {
        this.features = features;
        this.failures = failures;
        this.config = config;
    }

    void publish(JobEvent outcome) {
        String key = outcome.jobId().toString();
        if (outcome instanceof FeaturesReady measured) {
            features.send(Record.of(key, measured)).await().atMost(config.publishTimeout());
        } else if (outcome instanceof JobFailed failure) {
            failures.send(Record.of(key, failure)).await().atMost(config.publishTimeout());
        } else {
            throw new IllegalArgumentException("the feature service publishes features and failures, not " + outcome);
        }
    }
}

package io.hitorflop.inference.messaging;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.inference.config.InferenceConfig;
import io.hitorflop.inference.verdict.VerdictMaker;
import io.hitorflop.service.messaging.OutcomePublisher;
import io.hitorflop.service.messaging.UnreadableRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes feature vectors and publishes verdicts. The record is acknowledged only after the
 * outcome is acknowledged by the broker (at-least-once); an unexpected failure is retried a few
 * times and then sent to {@code hitorflop.features.ready.dlq} (see application.properties).
 */
@ApplicationScoped
public class FeaturesConsumer {

    private static final Logger LOG = Logger.getLogger(FeaturesConsumer.class);

    private final VerdictMaker verdicts;
    private final OutcomePublisher<VerdictReady> publisher;
    private final MeterRegistry meters;

    FeaturesConsumer(VerdictMaker verdicts,
                     @Channel("verdicts") MutinyEmitter<Record<String, VerdictReady>> verdictChannel,
                     @Channel("jobs-failed") MutinyEmitter<Record<String, JobFailed>> failures,
                     InferenceConfig config, MeterRegistry meters) {
        this.verdicts = verdicts;
        this.publisher = new OutcomePublisher<>(VerdictReady.class, verdictChannel, failures, config.publishTimeout());
        this.meters = meters;
    }

    @Incoming("features-ready")
    // Scored on the "scoring" pool (smallrye.messaging.worker.scoring.max-concurrency): one run
    // per core, not one per worker thread, whose buffers reached 3.3 GiB under load.
    @Blocking(value = "scoring", ordered = false)
    @Retry(maxRetries = 2, delay = 500, abortOn = UnreadableRecordException.class)
    public void consume(FeaturesReady features) throws OrtException {
        if (features == null || features.jobId() == null) {
            throw new UnreadableRecordException("the record is not a FeaturesReady event");
        }
        MDC.put("jobId", features.jobId().toString());
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        try {
            JobEvent result = verdicts.make(features);
            publisher.publish(result);
            outcome = result.getClass().getSimpleName();
            LOG.infof("%s for the '%s' features", outcome, features.featureSet());
        } finally {
            started.stop(Timer.builder("hitorflop.stage.duration")
                    .description("Time a pipeline stage spends on one job")
                    .tags("stage", "inference", "feature_set", String.valueOf(features.featureSet()), "outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters));
            MDC.remove("jobId");
        }
    }
}

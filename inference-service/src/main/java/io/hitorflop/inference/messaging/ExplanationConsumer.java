package io.hitorflop.inference.messaging;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.inference.config.InferenceConfig;
import io.hitorflop.inference.verdict.ExplanationMaker;
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

import java.time.Duration;
import java.util.Optional;

/**
 * Explains verdicts after they are out: reads {@code hitorflop.features.ready} in its own consumer
 * group, one record at a time on a one-thread pool at a low CPU priority (nice 19 by default:
 * on a busy node the verdicts get the CPU first, the explanations what is left), and
 * publishes {@link ExplanationReady} on {@code hitorflop.explanations}, keyed by job id. The record
 * is acknowledged after the broker acknowledged the explanation (at-least-once; the event id is
 * derived from the incoming one). Records whose submitter asked for no explanation, invalid vectors
 * and unreadable records are acknowledged without one: the verdict path reports the latter two.
 */
@ApplicationScoped
public class ExplanationConsumer {

    private static final Logger LOG = Logger.getLogger(ExplanationConsumer.class);

    private final ExplanationMaker explanations;
    private final MutinyEmitter<Record<String, ExplanationReady>> channel;
    private final Duration publishTimeout;
    private final MeterRegistry meters;
    private final ThreadNiceness niceness;

    ExplanationConsumer(ExplanationMaker explanations,
                        @Channel("explanations") MutinyEmitter<Record<String, ExplanationReady>> channel,
                        InferenceConfig config, MeterRegistry meters) {
        this.explanations = explanations;
        this.channel = channel;
        this.publishTimeout = config.publishTimeout();
        this.meters = meters;
        this.niceness = new ThreadNiceness(config.explanationNiceness());
    }

    @Incoming("features-to-explain")
    @Blocking(value = "explaining", ordered = false)
    @Retry(maxRetries = 2, delay = 500)
    public void consume(FeaturesReady features) throws OrtException {
        niceness.applyToCurrentThread();
        if (features == null || features.jobId() == null) {
            return;
        }
        MDC.put("jobId", features.jobId().toString());
        Timer.Sample started = Timer.start(meters);
        try {
            Optional<ExplanationReady> explanation = explanations.explain(features);
            if (explanation.isPresent()) {
                channel.send(Record.of(features.jobId().toString(), explanation.get())).await().atMost(publishTimeout);
                LOG.infof("explanation of the '%s' verdict published", features.featureSet());
                started.stop(Timer.builder("hitorflop.stage.duration")
                        .description("Time a pipeline stage spends on one job")
                        .tags("stage", "explanation", "feature_set", features.featureSet(), "outcome", "ExplanationReady")
                        .publishPercentileHistogram()
                        .register(meters));
            }
        } finally {
            MDC.remove("jobId");
        }
    }
}

package io.hitorflop.inference.messaging;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.inference.config.InferenceConfig;
import io.hitorflop.inference.verdict.VerdictMaker;
import io.hitorflop.service.messaging.OutcomePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes feature vectors in batches (at most {@code max.poll.records}) and publishes their
 * verdicts: each feature set's vectors of a batch are scored together, one call per model
 * ({@link VerdictMaker#make(List)}). The batch is acknowledged only after the broker has
 * acknowledged every outcome (at-least-once). A bad vector fails only its own job; a record that is
 * not a {@code FeaturesReady} goes to {@code hitorflop.features.ready.dlq} at once, with its key and
 * the {@code dead-letter-reason} header, while the rest of its batch is scored. An unexpected
 * failure retries the whole batch a few times (the outcomes' ids are derived from the incoming
 * ones, so outcomes published twice are recognised downstream) and then dead-letters each of its
 * records (see application.properties).
 */
@ApplicationScoped
public class FeaturesConsumer {

    static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private static final Logger LOG = Logger.getLogger(FeaturesConsumer.class);

    private final VerdictMaker verdicts;
    private final OutcomePublisher<VerdictReady> publisher;
    private final MutinyEmitter<String> deadLetters;
    private final Duration publishTimeout;
    private final MeterRegistry meters;

    FeaturesConsumer(VerdictMaker verdicts,
                     @Channel("verdicts") MutinyEmitter<Record<String, VerdictReady>> verdictChannel,
                     @Channel("jobs-failed") MutinyEmitter<Record<String, JobFailed>> failures,
                     @Channel("features-dead-letters") MutinyEmitter<String> deadLetters,
                     InferenceConfig config, MeterRegistry meters) {
        this.verdicts = verdicts;
        this.publisher = new OutcomePublisher<>(VerdictReady.class, verdictChannel, failures, config.publishTimeout());
        this.deadLetters = deadLetters;
        this.publishTimeout = config.publishTimeout();
        this.meters = meters;
    }

    @Incoming("features-ready")
    // Scored on the "scoring" pool (smallrye.messaging.worker.scoring.max-concurrency): one batch
    // per core, not one per worker thread, whose buffers reached 3.3 GiB under load.
    @Blocking(value = "scoring", ordered = false)
    @Retry(maxRetries = 2, delay = 500)
    public void consume(ConsumerRecords<String, FeaturesReady> records) throws OrtException {
        Timer.Sample started = Timer.start(meters);
        List<FeaturesReady> readable = new ArrayList<>(records.count());
        List<ConsumerRecord<String, FeaturesReady>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, FeaturesReady> record : records) {
            if (record.value() == null || record.value().jobId() == null) {
                unreadable.add(record);
            } else {
                readable.add(record.value());
            }
        }
        List<JobEvent> outcomes = verdicts.make(readable);
        publisher.publishAll(outcomes);
        deadLetter(unreadable);
        for (int index = 0; index < outcomes.size(); index++) {
            finished(readable.get(index), outcomes.get(index), started);
        }
    }

    private void deadLetter(List<ConsumerRecord<String, FeaturesReady>> unreadable) {
        if (unreadable.isEmpty()) {
            return;
        }
        List<Uni<Void>> sent = new ArrayList<>(unreadable.size());
        for (ConsumerRecord<String, FeaturesReady> record : unreadable) {
            String reason = "the record at offset " + record.offset() + " of partition " + record.partition()
                    + " is not a FeaturesReady event";
            LOG.warnf("%s (key '%s'): dead-lettered", reason, record.key());
            sent.add(deadLetters.sendMessage(KafkaRecord.of(record.key(), reason).withHeader(DEAD_LETTER_REASON, reason)));
        }
        Uni.join().all(sent).andFailFast().await().atMost(publishTimeout);
    }

    private void finished(FeaturesReady features, JobEvent outcome, Timer.Sample started) {
        MDC.put("jobId", features.jobId().toString());
        try {
            String outcomeName = outcome.getClass().getSimpleName();
            LOG.infof("%s for the '%s' features", outcomeName, features.featureSet());
            // Each job is timed by its batch: the time it spent in this stage.
            started.stop(Timer.builder("hitorflop.stage.duration")
                    .description("Time a pipeline stage spends on one job")
                    .tags("stage", "inference", "feature_set", String.valueOf(features.featureSet()), "outcome", outcomeName)
                    .publishPercentileHistogram()
                    .register(meters));
        } finally {
            MDC.remove("jobId");
        }
    }
}

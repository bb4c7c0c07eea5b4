package io.hitorflop.results.job.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.results.job.service.ExplanationRecorder;
import io.hitorflop.results.job.service.JobStateUpdater;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Consumes the dead-letter topics: a record there kept failing in some consumer, so its job (the
 * record key) becomes FAILED with the connector's {@code dead-letter-reason} header as detail. A
 * dead-lettered explanation fails nothing: the job keeps its verdict, and its view says why the
 * reasons are missing.
 */
@ApplicationScoped
public class DeadLetterConsumers {

    static final String REASON_HEADER = "dead-letter-reason";
    private static final Logger LOG = Logger.getLogger(DeadLetterConsumers.class);

    private final JobStateUpdater updater;
    private final ExplanationRecorder explanations;
    private final RecordSettler settler;

    DeadLetterConsumers(JobStateUpdater updater, ExplanationRecorder explanations, RecordSettler settler) {
        this.updater = updater;
        this.explanations = explanations;
        this.settler = settler;
    }

    @Incoming("jobs-accepted-dlq")
    @Blocking
    public CompletionStage<Void> jobsAccepted(Message<String> record) {
        return fail(Topics.JOBS_ACCEPTED, record);
    }

    @Incoming("audio-ready-dlq")
    @Blocking
    public CompletionStage<Void> audioReady(Message<String> record) {
        return fail(Topics.AUDIO_READY, record);
    }

    @Incoming("features-ready-dlq")
    @Blocking
    public CompletionStage<Void> featuresReady(Message<String> record) {
        return fail(Topics.FEATURES_READY, record);
    }

    @Incoming("verdicts-dlq")
    @Blocking
    public CompletionStage<Void> verdicts(Message<String> record) {
        return fail(Topics.VERDICTS, record);
    }

    @Incoming("jobs-failed-dlq")
    @Blocking
    public CompletionStage<Void> jobsFailed(Message<String> record) {
        return fail(Topics.JOBS_FAILED, record);
    }

    @Incoming("explanations-dlq")
    @Blocking
    public CompletionStage<Void> explanations(Message<String> record) {
        return onDeadLetter(Topics.EXPLANATIONS, record, explanations::unavailable);
    }

    private CompletionStage<Void> fail(String topic, Message<String> message) {
        return onDeadLetter(topic, message, (jobId, detail) -> updater.deadLettered(jobId, topic, detail));
    }

    /** Hands the dead letter's job id and reason to {@code handling}. */
    private CompletionStage<Void> onDeadLetter(String topic, Message<String> message, BiConsumer<UUID, String> handling) {
        return settler.settle(message, () -> onDeadLetter(topic, message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record")).getRecord(), handling));
    }

    private void onDeadLetter(String topic, ConsumerRecord<?, ?> record, BiConsumer<UUID, String> handling) {
        UUID jobId;
        try {
            jobId = UUID.fromString(String.valueOf(record.key()));
        } catch (IllegalArgumentException e) {
            LOG.errorf("dead letter on %s at offset %d has key '%s', not a job id; skipped",
                    record.topic(), record.offset(), record.key());
            return;
        }
        Header reason = record.headers().lastHeader(REASON_HEADER);
        String detail = reason == null
                ? "a record about this job kept failing on " + topic
                : new String(reason.value(), StandardCharsets.UTF_8);
        handling.accept(jobId, detail);
    }
}

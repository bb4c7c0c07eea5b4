package io.hitorflop.results.job.messaging;

import io.hitorflop.contract.Topics;
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

/**
 * Consumes the dead-letter topics: a record there kept failing in some consumer, so its job (the
 * record key) becomes FAILED with the connector's {@code dead-letter-reason} header as detail.
 */
@ApplicationScoped
public class DeadLetterConsumers {

    static final String REASON_HEADER = "dead-letter-reason";
    private static final Logger LOG = Logger.getLogger(DeadLetterConsumers.class);

    private final JobStateUpdater updater;
    private final RecordSettler settler;

    DeadLetterConsumers(JobStateUpdater updater, RecordSettler settler) {
        this.updater = updater;
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

    private CompletionStage<Void> fail(String topic, Message<String> message) {
        return settler.settle(message, () -> fail(topic, message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record")).getRecord()));
    }

    private void fail(String topic, ConsumerRecord<?, ?> record) {
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
        updater.deadLettered(jobId, topic, detail);
    }
}

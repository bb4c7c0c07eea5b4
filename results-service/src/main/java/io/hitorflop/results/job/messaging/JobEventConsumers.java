package io.hitorflop.results.job.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.results.job.service.JobStateUpdater;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes the five pipeline topics (group {@code results-service}). A record that cannot be read
 * or stored after the bounded retries is nacked; the connector then moves it to
 * {@code <topic>.dlq} (failure-strategy dead-letter-queue), where {@link DeadLetterConsumers}
 * fails the job.
 */
@ApplicationScoped
public class JobEventConsumers {

    private final JobStateUpdater updater;
    private final ObjectMapper json;
    private final RecordSettler settler;
    private final ConsumerCatchUp catchUp;

    JobEventConsumers(JobStateUpdater updater, ObjectMapper json, RecordSettler settler, ConsumerCatchUp catchUp) {
        this.updater = updater;
        this.json = json;
        this.settler = settler;
        this.catchUp = catchUp;
    }

    @Incoming("jobs-accepted")
    @Blocking
    public CompletionStage<Void> jobAccepted(Message<String> record) {
        return apply(record, JobAccepted.class);
    }

    @Incoming("audio-ready")
    @Blocking
    public CompletionStage<Void> audioReady(Message<String> record) {
        return apply(record, AudioReady.class);
    }

    @Incoming("features-ready")
    @Blocking
    public CompletionStage<Void> featuresReady(Message<String> record) {
        return apply(record, FeaturesReady.class);
    }

    @Incoming("verdicts")
    @Blocking
    public CompletionStage<Void> verdictReady(Message<String> record) {
        return apply(record, VerdictReady.class);
    }

    @Incoming("jobs-failed")
    @Blocking
    public CompletionStage<Void> jobFailed(Message<String> record) {
        return apply(record, JobFailed.class);
    }

    private CompletionStage<Void> apply(Message<String> record, Class<? extends JobEvent> type) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        catchUp.processing(origin.getTopic());
        try {
            return settler.settle(record, () -> updater.apply(read(record.getPayload(), type)));
        } finally {
            catchUp.processed(origin.getTopic(), origin.getPartition(), origin.getOffset());
        }
    }

    private <T extends JobEvent> T read(String payload, Class<T> type) {
        try {
            T event = json.readValue(payload, type);
            if (event == null || event.eventId() == null || event.jobId() == null || event.occurredAt() == null) {
                throw new UnreadableEventException(type.getSimpleName() + " lacks eventId, jobId or occurredAt");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** The record is not an event of the topic's type; retrying cannot help. */
    static final class UnreadableEventException extends RuntimeException {
        UnreadableEventException(String message) {
            super(message);
        }
    }
}

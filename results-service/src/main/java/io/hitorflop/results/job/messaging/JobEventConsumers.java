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
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes the five pipeline topics (group {@code results-service}) in batches (one poll, at most
 * {@code max.poll.records}), each stored in one transaction ({@link JobStateUpdater#applyAll}). A
 * record that cannot be read, or whose event cannot be stored after the bounded retries, is nacked
 * on its own, the rest of its batch is acked; the connector moves the nacked record to
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
    public CompletionStage<Void> jobAccepted(KafkaRecordBatch<String, String> batch) {
        return apply(batch, JobAccepted.class);
    }

    @Incoming("audio-ready")
    @Blocking
    public CompletionStage<Void> audioReady(KafkaRecordBatch<String, String> batch) {
        return apply(batch, AudioReady.class);
    }

    @Incoming("features-ready")
    @Blocking
    public CompletionStage<Void> featuresReady(KafkaRecordBatch<String, String> batch) {
        return apply(batch, FeaturesReady.class);
    }

    @Incoming("verdicts")
    @Blocking
    public CompletionStage<Void> verdictReady(KafkaRecordBatch<String, String> batch) {
        return apply(batch, VerdictReady.class);
    }

    @Incoming("jobs-failed")
    @Blocking
    public CompletionStage<Void> jobFailed(KafkaRecordBatch<String, String> batch) {
        return apply(batch, JobFailed.class);
    }

    private CompletionStage<Void> apply(KafkaRecordBatch<String, String> batch, Class<? extends JobEvent> type) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        records.forEach(catchUp::processing);
        try {
            Map<KafkaRecord<?, ?>, RuntimeException> failures = new IdentityHashMap<>();
            List<KafkaRecord<String, String>> readable = new ArrayList<>();
            List<JobEvent> events = new ArrayList<>();
            for (KafkaRecord<String, String> record : records) {
                try {
                    events.add(read(record.getPayload(), type));
                    readable.add(record);
                } catch (UnreadableEventException unreadable) {
                    failures.put(record, unreadable);
                }
            }
            List<RuntimeException> outcomes = updater.applyAll(events);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) != null) {
                    failures.put(readable.get(i), outcomes.get(i));
                }
            }
            return settler.settle(batch, failures);
        } catch (RuntimeException batchFailed) {
            return settler.settleFailed(batch, batchFailed);
        } finally {
            records.forEach(catchUp::processed);
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

package io.hitorflop.results.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.results.domain.JobUpdates;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the five pipeline topics (group {@code results-service}). A record that cannot be read
 * or stored after the bounded retries makes the method throw; the connector then moves it to
 * {@code <topic>.dlq} (failure-strategy dead-letter-queue), where {@link DeadLetterConsumers}
 * fails the job.
 */
@ApplicationScoped
public class JobEventConsumers {

    private final JobUpdates updates;
    private final ObjectMapper json;

    JobEventConsumers(JobUpdates updates, ObjectMapper json) {
        this.updates = updates;
        this.json = json;
    }

    @Incoming("jobs-accepted")
    @Blocking
    public void jobAccepted(String payload) {
        updates.apply(read(payload, JobAccepted.class));
    }

    @Incoming("audio-ready")
    @Blocking
    public void audioReady(String payload) {
        updates.apply(read(payload, AudioReady.class));
    }

    @Incoming("features-ready")
    @Blocking
    public void featuresReady(String payload) {
        updates.apply(read(payload, FeaturesReady.class));
    }

    @Incoming("verdicts")
    @Blocking
    public void verdictReady(String payload) {
        updates.apply(read(payload, VerdictReady.class));
    }

    @Incoming("jobs-failed")
    @Blocking
    public void jobFailed(String payload) {
        updates.apply(read(payload, JobFailed.class));
    }

    private <T extends JobEvent> T read(String payload, Class<T> type) {
        try {
            T event = json.readValue(payload, type);
            if (event.eventId() == null || event.jobId() == null || event.occurredAt() == null) {
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

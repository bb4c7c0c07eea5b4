package io.hitorflop.results.job.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.results.job.service.ExplanationRecorder;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code hitorflop.explanations} (group {@code results-service}): each verdict's Shapley
 * explanation, sent after the verdict. A record that cannot be read or stored is nacked and goes
 * to {@code hitorflop.explanations.dlq}; its job keeps its verdict (an explanation is not worth
 * failing a finished job), and {@link DeadLetterConsumers} records that its reasons are unavailable.
 */
@ApplicationScoped
public class ExplanationConsumer {

    private final ExplanationRecorder recorder;
    private final ObjectMapper json;
    private final RecordSettler settler;

    ExplanationConsumer(ExplanationRecorder recorder, ObjectMapper json, RecordSettler settler) {
        this.recorder = recorder;
        this.json = json;
        this.settler = settler;
    }

    @Incoming("explanations")
    @Blocking
    public CompletionStage<Void> explanationReady(Message<String> record) {
        return settler.settle(record, () -> recorder.record(read(record.getPayload())));
    }

    private ExplanationReady read(String payload) {
        try {
            ExplanationReady explanation = json.readValue(payload, ExplanationReady.class);
            if (explanation == null || explanation.eventId() == null || explanation.jobId() == null
                    || explanation.explanation() == null) {
                throw new JobEventConsumers.UnreadableEventException("ExplanationReady lacks eventId, jobId or explanation");
            }
            return explanation;
        } catch (JsonProcessingException e) {
            throw new JobEventConsumers.UnreadableEventException("not an ExplanationReady: " + e.getOriginalMessage());
        }
    }
}

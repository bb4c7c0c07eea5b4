package io.hitorflop.results.job.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.ExplanationReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Verdicts' explanations in PostgreSQL ({@code job_explanation}), one per job. */
@ApplicationScoped
public class ExplanationStore {

    private final EntityManager entityManager;
    private final ObjectMapper json;

    ExplanationStore(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Keeps the explanation; false when its job already has one (a redelivery). Needs a transaction. */
    public boolean store(ExplanationReady explanation, Instant now) {
        String text;
        try {
            text = json.writeValueAsString(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the explanation as JSON", e);
        }
        return entityManager.createNativeQuery("insert into job_explanation (job_id, event_id, explanation, received_at) "
                        + "values (?1, ?2, cast(?3 as jsonb), ?4) on conflict do nothing")
                .setParameter(1, explanation.jobId())
                .setParameter(2, explanation.eventId())
                .setParameter(3, text)
                .setParameter(4, now)
                .executeUpdate() == 1;
    }

    public Optional<ExplanationReady> find(UUID jobId) {
        return entityManager.createNativeQuery("select cast(explanation as text) from job_explanation where job_id = ?1")
                .setParameter(1, jobId)
                .getResultStream()
                .findFirst()
                .map(text -> read((String) text));
    }

    private ExplanationReady read(String text) {
        try {
            return json.readValue(text, ExplanationReady.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored explanation is not readable", e);
        }
    }
}

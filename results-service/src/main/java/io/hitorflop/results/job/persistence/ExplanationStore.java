package io.hitorflop.results.job.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.ExplanationReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.UUID;

/**
 * Verdicts' explanations in PostgreSQL ({@code job_explanation}), one per job, and why a job has
 * none ({@code job_explanation_failure}), one per job.
 */
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

    /**
     * Records that the job's explanation will not come, and why; false when that was recorded
     * already (the first reason is kept). An explanation stored before or after still wins
     * ({@link StoredExplanation}). Needs a transaction.
     */
    public boolean storeUnavailable(UUID jobId, String detail, Instant now) {
        return entityManager.createNativeQuery("insert into job_explanation_failure (job_id, detail, recorded_at) "
                        + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, jobId)
                .setParameter(2, detail)
                .setParameter(3, now)
                .executeUpdate() == 1;
    }

    public StoredExplanation find(UUID jobId) {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                        "select (select cast(explanation as text) from job_explanation where job_id = ?1), "
                                + "(select detail from job_explanation_failure where job_id = ?1)")
                .setParameter(1, jobId)
                .getSingleResult();
        return new StoredExplanation(row[0] == null ? null : read((String) row[0]), (String) row[1]);
    }

    private ExplanationReady read(String text) {
        try {
            return json.readValue(text, ExplanationReady.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored explanation is not readable", e);
        }
    }
}

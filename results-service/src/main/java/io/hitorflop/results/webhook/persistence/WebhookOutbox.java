package io.hitorflop.results.webhook.persistence;

import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.service.EndedJobListener;
import io.hitorflop.results.webhook.domain.DeliveryState;
import io.hitorflop.results.webhook.domain.WebhookDelivery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The webhook outbox in PostgreSQL ({@code webhook_delivery}, {@code webhook_attempt}). Every
 * method expects a transaction opened by the caller.
 */
@ApplicationScoped
public class WebhookOutbox implements EndedJobListener {

    private final EntityManager entityManager;

    WebhookOutbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Adds the webhook of a job that has ended, unless the job already has one for this final state:
     * called in the transaction that stores the change, so an event applied twice never yields two
     * webhooks. (A job has a second one only when a late verdict turned its time-out into DONE.)
     * The URL may arrive (with JobAccepted) after the job ended, so any change after the end may add it.
     */
    @Override
    public void changedAfterEnd(Job job, Instant now) {
        if (job.webhookUrl() == null) {
            return;
        }
        entityManager.flush(); // the job row the outbox row refers to
        entityManager.createNativeQuery("insert into webhook_delivery "
                        + "(webhook_id, job_id, job_status, url, state, created_at, next_attempt_at, attempts) "
                        + "values (?1, ?2, ?6, ?3, ?4, ?5, ?5, 0) on conflict (job_id, job_status) do nothing")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, job.id())
                .setParameter(3, job.webhookUrl())
                .setParameter(4, DeliveryState.PENDING.name())
                .setParameter(5, now)
                .setParameter(6, job.status().name())
                .executeUpdate();
    }

    /**
     * Adds the {@code batch.completed} webhook of a batch, with its body fixed now; a batch has one
     * (a repeated completion adds none). Called in the transaction that marks the batch complete.
     */
    public void batchCompleted(UUID batchId, String url, String payload, Instant now) {
        entityManager.createNativeQuery("insert into webhook_delivery "
                        + "(webhook_id, batch_id, url, state, created_at, next_attempt_at, attempts, payload) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?5, 0, ?6) on conflict (batch_id) do nothing")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, batchId)
                .setParameter(3, url)
                .setParameter(4, DeliveryState.PENDING.name())
                .setParameter(5, now)
                .setParameter(6, payload)
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} webhooks due at {@code now}. The rows are locked with
     * {@code SKIP LOCKED}, so replicas polling together take different rows, and their due time is
     * moved to {@code leaseUntil}: no replica takes them again while the attempt runs, and if this
     * one dies mid-attempt the webhook is retried (same webhook id) once the lease is over.
     */
    public List<DueWebhook> claimDue(Instant now, Instant leaseUntil, int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = entityManager.createNativeQuery("select cast(webhook_id as text) from webhook_delivery "
                        + "where state = ?1 and next_attempt_at <= ?2 order by next_attempt_at limit ?3 "
                        + "for update skip locked")
                .setParameter(1, DeliveryState.PENDING.name())
                .setParameter(2, now)
                .setParameter(3, limit)
                .getResultList();
        return ids.stream().map(id -> {
            WebhookDeliveryEntity row = WebhookDeliveryEntity.findById(UUID.fromString(id));
            row.nextAttemptAt = leaseUntil;
            return new DueWebhook(row.webhookId, row.jobId, row.url, row.attempts + 1, row.payload);
        }).toList();
    }

    /** Fixes the body sent by this and every later attempt. */
    public void fixPayload(UUID webhookId, String payload) {
        WebhookDeliveryEntity row = WebhookDeliveryEntity.findById(webhookId);
        if (row.payload == null) {
            row.payload = payload;
        }
    }

    /**
     * Records an attempt and the webhook's new state; false (nothing recorded) when that attempt
     * was already recorded, by a replica that took the webhook over after the lease ran out.
     */
    public boolean record(UUID webhookId, WebhookDelivery.Attempt attempt) {
        WebhookDeliveryEntity row = WebhookDeliveryEntity.findById(webhookId);
        if (row == null || row.state != DeliveryState.PENDING || row.attempts != attempt.attempt() - 1) {
            return false;
        }
        WebhookAttemptEntity entry = new WebhookAttemptEntity();
        entry.webhookId = webhookId;
        entry.attempt = attempt.attempt();
        entry.startedAt = attempt.startedAt();
        entry.durationMs = attempt.durationMs();
        entry.statusCode = attempt.statusCode();
        entry.error = attempt.error();
        entry.outcome = attempt.outcome();
        entry.nextAttemptAt = attempt.nextAttemptAt();
        entry.persist();
        row.attempts = attempt.attempt();
        row.state = attempt.outcome().state();
        row.nextAttemptAt = attempt.nextAttemptAt();
        if (row.state != DeliveryState.PENDING) {
            row.finishedAt = attempt.startedAt().plusMillis(attempt.durationMs());
        }
        return true;
    }

    /** The job's webhooks (one per final state it reached) with their attempts, oldest first; empty while it runs. */
    public List<WebhookDelivery> ofJob(UUID jobId) {
        return WebhookDeliveryEntity.<WebhookDeliveryEntity>find("jobId", Sort.ascending("createdAt"), jobId).list().stream()
                .map(row -> new WebhookDelivery(row.webhookId, row.jobId, row.url, row.state, row.createdAt,
                        row.state == DeliveryState.PENDING ? row.nextAttemptAt : null, row.finishedAt,
                        WebhookAttemptEntity.<WebhookAttemptEntity>find("webhookId", Sort.ascending("attempt"),
                                        row.webhookId).list().stream()
                                .map(entry -> new WebhookDelivery.Attempt(entry.attempt, entry.startedAt,
                                        entry.durationMs, entry.statusCode, entry.error, entry.outcome,
                                        entry.nextAttemptAt))
                                .toList()))
                .toList();
    }
}

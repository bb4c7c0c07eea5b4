package io.hitorflop.results.webhook.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job's webhook and its attempts so far.
 *
 * @param webhookId     sent as {@code webhook-id} with every attempt; fixed when the job ended
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 */
public record WebhookDelivery(UUID webhookId, UUID jobId, String url, DeliveryState state, Instant createdAt,
                              Instant nextAttemptAt, Instant finishedAt, List<Attempt> attempts) {

    /**
     * One attempt.
     *
     * @param statusCode the receiver's HTTP status, null when none came
     * @param error      why there was no answer, or a short note on the answer
     */
    public record Attempt(int attempt, Instant startedAt, long durationMs, Integer statusCode, String error,
                          AttemptOutcome outcome, Instant nextAttemptAt) {
    }
}

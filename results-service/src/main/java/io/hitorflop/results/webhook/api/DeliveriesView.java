package io.hitorflop.results.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.results.webhook.domain.AttemptOutcome;
import io.hitorflop.results.webhook.domain.DeliveryState;
import io.hitorflop.results.webhook.domain.WebhookDelivery;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/jobs/{id}/deliveries}: the job's webhooks (none when the job has no webhook URL
 * or has not ended yet; two when a late verdict turned its time-out into DONE) with every attempt,
 * oldest first.
 */
public record DeliveriesView(String jobId, List<DeliveryView> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(String webhookId, String url, DeliveryState state, Instant createdAt,
                               Instant nextAttemptAt, Instant finishedAt, List<AttemptView> attempts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, Instant at, long durationMs, Integer statusCode, String error,
                              AttemptOutcome outcome, Instant nextAttemptAt) {
    }

    static DeliveriesView of(String jobId, List<WebhookDelivery> deliveries) {
        return new DeliveriesView(jobId, deliveries.stream().map(found -> new DeliveryView(found.webhookId().toString(),
                        found.url(), found.state(), found.createdAt(), found.nextAttemptAt(), found.finishedAt(),
                        found.attempts().stream()
                                .map(attempt -> new AttemptView(attempt.attempt(), attempt.startedAt(),
                                        attempt.durationMs(), attempt.statusCode(), attempt.error(),
                                        attempt.outcome(), attempt.nextAttemptAt()))
                                .toList()))
                .toList());
    }
}

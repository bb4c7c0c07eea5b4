package io.hitorflop.results.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.results.domain.AttemptOutcome;
import io.hitorflop.results.domain.DeliveryState;
import io.hitorflop.results.domain.WebhookDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/jobs/{id}/deliveries}: the job's webhook (none when the job has no webhook URL
 * or has not ended yet) with every attempt, oldest first.
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

    static DeliveriesView of(String jobId, Optional<WebhookDelivery> delivery) {
        return new DeliveriesView(jobId, delivery.map(found -> new DeliveryView(found.webhookId().toString(),
                        found.url(), found.state(), found.createdAt(), found.nextAttemptAt(), found.finishedAt(),
                        found.attempts().stream()
                                .map(attempt -> new AttemptView(attempt.attempt(), attempt.startedAt(),
                                        attempt.durationMs(), attempt.statusCode(), attempt.error(),
                                        attempt.outcome(), attempt.nextAttemptAt()))
                                .toList()))
                .stream().toList());
    }
}

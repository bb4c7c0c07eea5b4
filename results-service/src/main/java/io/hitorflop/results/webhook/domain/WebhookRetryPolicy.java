package io.hitorflop.results.webhook.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Judges one webhook attempt: 2xx delivered, 410 stop, anything else (another status, a timeout,
 * a refused address, no connection) retried after the receiver's {@code Retry-After} when it sent
 * one (bounded by {@code retryAfterLimit}), else after the next wait of the {@link RetrySchedule};
 * after {@code maxAttempts} attempts it gives up.
 */
public final class WebhookRetryPolicy {

    /** The judgement: the outcome and, for {@link AttemptOutcome#RETRY}, when to try again. */
    public record Decision(AttemptOutcome outcome, Instant nextAttemptAt) {
    }

    private final RetrySchedule schedule;
    private final int maxAttempts;
    private final Duration retryAfterLimit;

    public WebhookRetryPolicy(RetrySchedule schedule, int maxAttempts, Duration retryAfterLimit) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
        }
        this.schedule = schedule;
        this.maxAttempts = maxAttempts;
        this.retryAfterLimit = retryAfterLimit;
    }

    /**
     * @param attempt    the number of the attempt just made, from 1
     * @param status     the receiver's HTTP status, null when it gave no answer
     * @param retryAfter the receiver's {@code Retry-After} header, null when absent
     */
    public Decision judge(int attempt, Integer status, String retryAfter, Instant now) {
        if (status != null && status >= 200 && status < 300) {
            return new Decision(AttemptOutcome.DELIVERED, null);
        }
        if (status != null && status == 410) {
            return new Decision(AttemptOutcome.GONE, null);
        }
        if (attempt >= maxAttempts) {
            return new Decision(AttemptOutcome.GAVE_UP, null);
        }
        Duration wait = RetryAfter.parse(retryAfter, now)
                .map(asked -> asked.compareTo(retryAfterLimit) > 0 ? retryAfterLimit : asked)
                .orElseGet(() -> schedule.delayAfter(attempt));
        return new Decision(AttemptOutcome.RETRY, now.plus(wait));
    }
}

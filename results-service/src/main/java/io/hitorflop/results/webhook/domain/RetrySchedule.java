package io.hitorflop.results.webhook.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter" (M. Brooker, "Exponential Backoff And Jitter", AWS
 * Architecture Blog, 2015): the n-th wait is drawn uniformly from [d/2, d] with
 * d = min(max, initial * 2^(n-1)), so receivers that failed together are not retried together and
 * a wait never collapses to zero.
 */
public final class RetrySchedule {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public RetrySchedule(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (counting from 1). */
    public Duration delayAfter(int failedAttempts) {
        long ceiling = ceilingMillis(Math.max(1, failedAttempts));
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    private long ceilingMillis(int failedAttempts) {
        long maxMillis = max.toMillis();
        long delay = initial.toMillis();
        for (int i = 1; i < failedAttempts && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMillis);
    }
}

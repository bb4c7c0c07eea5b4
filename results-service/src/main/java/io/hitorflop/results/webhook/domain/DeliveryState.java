package io.hitorflop.results.webhook.domain;

/** Where a job's webhook stands. */
public enum DeliveryState {
    /** Waiting for its next attempt (or in one). */
    PENDING,
    DELIVERED,
    /** The receiver answered 410 Gone; it is not called again. */
    GONE,
    /** Every allowed attempt failed. */
    GAVE_UP
}

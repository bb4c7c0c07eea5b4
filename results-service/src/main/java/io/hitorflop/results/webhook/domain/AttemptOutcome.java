package io.hitorflop.results.webhook.domain;

/** What one webhook attempt led to. */
public enum AttemptOutcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Failed; another attempt is scheduled. */
    RETRY,
    /** The receiver answered 410 Gone: no more attempts. */
    GONE,
    /** Failed and it was the last allowed attempt. */
    GAVE_UP;

    /** The state of the webhook after an attempt with this outcome. */
    public DeliveryState state() {
        return switch (this) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case RETRY -> DeliveryState.PENDING;
            case GONE -> DeliveryState.GONE;
            case GAVE_UP -> DeliveryState.GAVE_UP;
        };
    }
}

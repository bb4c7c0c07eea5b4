package io.hitorflop.ingest.idempotency.domain;

/** The first request with this Idempotency-Key is still being accepted (409 conflict). */
public class IdempotencyKeyInProgressException extends Exception {

    public IdempotencyKeyInProgressException(String key) {
        super("a request with the Idempotency-Key '" + key + "' is still being processed; retry shortly");
    }
}

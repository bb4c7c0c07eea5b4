package io.hitorflop.ingest.idempotency.domain;

/** The Idempotency-Key was used before with another payload (422 idempotency-key-reused). */
public class IdempotencyKeyReusedException extends Exception {

    public IdempotencyKeyReusedException(String key) {
        super("the Idempotency-Key '" + key + "' was used with a different request body; use a new key for a new request");
    }
}

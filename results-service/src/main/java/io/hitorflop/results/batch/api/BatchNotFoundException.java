package io.hitorflop.results.batch.api;

/** No batch with this id, or not the caller's (the same answer, so ids of others stay secret). */
public class BatchNotFoundException extends RuntimeException {

    BatchNotFoundException(String id) {
        super("no batch " + id);
    }
}

package io.hitorflop.service.messaging;

/**
 * A record whose value could not be read as the event the consumer expects (or is a tombstone).
 * Reading it again gives the same answer, so consumers abort their retries on it and the record
 * goes to the dead-letter topic at once.
 */
public class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String message) {
        super(message);
    }
}

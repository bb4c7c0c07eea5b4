package io.hitorflop.feature.messaging;

/** A record whose value could not be read as an AudioReady event (or is a tombstone); it goes to the dead-letter topic. */
public class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String message) {
        super(message);
    }
}

package io.hitorflop.ingest.audio;

/** Audio waited longer than the queue timeout for a transcoding slot (503 service-busy, retry later). */
public class IntakeBusyException extends Exception {

    public IntakeBusyException(String message) {
        super(message);
    }
}

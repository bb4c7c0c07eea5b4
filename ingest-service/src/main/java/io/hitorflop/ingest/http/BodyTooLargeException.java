package io.hitorflop.ingest.http;

/** A JSON body passed its limit (413): it was not read further, so the connection closes after the answer. */
public final class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("a JSON submission may have at most " + limit + " bytes");
    }
}

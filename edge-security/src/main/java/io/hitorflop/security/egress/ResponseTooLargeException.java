package io.hitorflop.security.egress;

import java.io.IOException;

/** A response body longer than the caller's limit; reading stopped at the limit. */
public class ResponseTooLargeException extends IOException {

    public ResponseTooLargeException(String message) {
        super(message);
    }
}

package io.hitorflop.security.egress;

import java.io.IOException;

/** A chain of redirects longer than the client's limit. */
public class TooManyRedirectsException extends IOException {

    public TooManyRedirectsException(String message) {
        super(message);
    }
}

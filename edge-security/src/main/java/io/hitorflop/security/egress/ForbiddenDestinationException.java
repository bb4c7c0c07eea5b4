package io.hitorflop.security.egress;

/** The URL may not be requested: wrong scheme, malformed, unresolvable, or leading to a forbidden address. */
public class ForbiddenDestinationException extends Exception {

    public ForbiddenDestinationException(String reason) {
        super(reason);
    }
}

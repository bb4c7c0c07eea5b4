package io.hitorflop.service.security;

/**
 * Who makes the current request, as resolved by {@link ApiKeyGate} before anything else runs.
 * With API keys on, every request that reaches a resource is a {@link KeyHolder}; {@link Anonymous}
 * exists only in the anonymous local mode ({@code hitorflop.security.api-keys.enabled=false}).
 */
public sealed interface Caller permits Caller.KeyHolder, Caller.Anonymous {

    /** A request that presented the configured key with this id. */
    record KeyHolder(String id) implements Caller {
    }

    /** A request in the anonymous local mode: no key was asked for, none identifies it. */
    record Anonymous() implements Caller {
    }

    Anonymous ANONYMOUS = new Anonymous();
}

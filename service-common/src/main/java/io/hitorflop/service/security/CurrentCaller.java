package io.hitorflop.service.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@link Caller} {@link ApiKeyGate} resolved for the request being served. */
@ApplicationScoped
public class CurrentCaller {

    private final CurrentVertxRequest request;

    CurrentCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    /**
     * The caller; a request without one (which the gate never lets through to a resource) is a
     * programming error and fails closed, as a 500 that carries no data.
     */
    public Caller get() {
        RoutingContext current = request.getCurrent();
        Caller caller = current == null ? null : current.get(ApiKeyGate.CALLER);
        if (caller == null) {
            throw new IllegalStateException("no caller was resolved for this request; the API-key gate did not run");
        }
        return caller;
    }
}

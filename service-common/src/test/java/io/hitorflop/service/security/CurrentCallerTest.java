package io.hitorflop.service.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentCallerTest {

    @Test
    void aRequestTheGateDidNotResolveFailsClosed() {
        assertThatThrownBy(() -> new CurrentCaller(new CurrentVertxRequest()).get())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CurrentCaller(new CurrentVertxRequest().setCurrent(requestCarrying(null))).get())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCallerTheGateResolvedIsTheRequestsCaller() {
        Caller alice = new Caller.KeyHolder("alice");
        assertThat(new CurrentCaller(new CurrentVertxRequest().setCurrent(requestCarrying(alice))).get())
                .isEqualTo(alice);
    }

    /** A routing context whose only data is the gate's caller entry. */
    private static RoutingContext requestCarrying(Caller caller) {
        return (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class},
                (proxy, method, args) -> method.getName().equals("get") && ApiKeyGate.CALLER.equals(args[0])
                        ? caller : null);
    }
}

package io.hitorflop.ingest.http;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.RoutingProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP layer refuses a body over {@code quarkus.http.limits.max-body-size} before any JAX-RS
 * code runs, with an empty 413: at once when the declared Content-Length is over the limit, or as
 * a routing failure when a body without a length grows past it. These two handlers give both
 * refusals the same problem+json form as every other error.
 */
@ApplicationScoped
public class PayloadTooLargeHandler {

    private final MemorySize limit;

    PayloadTooLargeHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversize);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::describeOversizeFailure);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limit.asLongValue()) {
            respond(context);
        } else {
            context.next();
        }
    }

    private void describeOversizeFailure(RoutingContext context) {
        if (context.statusCode() != ProblemType.PAYLOAD_TOO_LARGE.status() || context.response().headWritten()) {
            context.next();
            return;
        }
        respond(context);
    }

    private void respond(RoutingContext context) {
        // Not closed here at once (as RoutingProblems.sendAndClose would): that could reset the
        // connection before the client, still sending its body, has read the 413.
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        RoutingProblems.send(context, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of "
                + limit.asLongValue() / (1024 * 1024) + " MiB", context.request().path()));
    }
}

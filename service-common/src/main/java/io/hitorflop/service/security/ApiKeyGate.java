package io.hitorflop.service.security;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.security.apikeys.ApiKeys;
import io.hitorflop.security.paths.RequestPath;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.RoutingProblems;
import io.hitorflop.service.config.SecurityConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one gate every HTTP request of the service passes first, JAX-RS resources and Quarkus's own
 * {@code /q/*} routes alike: a route handler ordered before all others (the body handler included,
 * so a refused upload is not read). It refuses ambiguous path spellings ({@link RequestPath}),
 * then, with API keys on, lets through without a key only the configured public paths (health for
 * probes) compared with the decoded path; every other request needs a configured key
 * ({@value ApiKeys#HEADER} or {@code Authorization: Bearer}) or is answered 401. The resolved
 * {@link Caller} is handed to the resources through {@link CurrentCaller}.
 */
@ApplicationScoped
public class ApiKeyGate {

    static final String CALLER = ApiKeyGate.class.getName() + ".caller";

    private static final Logger LOG = Logger.getLogger(ApiKeyGate.class);

    /**
     * The Vert.x context key Quarkus's HTTP metrics read the URI tag from; a refused request is
     * tagged with its refusal instead of the attacker-chosen path.
     */
    private static final String METRICS_URI_TEMPLATE = "UrlPathTemplate";

    private final boolean enabled;
    private final ApiKeys keys;
    private final Set<String> publicPaths;

    ApiKeyGate(SecurityConfig config) {
        this.enabled = config.apiKeys().enabled();
        this.keys = ApiKeys.fromConfig(config.apiKeys().keys().orElse(List.of()));
        this.publicPaths = Set.copyOf(config.apiKeys().publicPaths());
    }

    void announce(@Observes StartupEvent started) {
        if (!enabled) {
            LOG.warn("API keys are DISABLED (hitorflop.security.api-keys.enabled=false): anonymous local mode, every"
                    + " request to this port is served and every job is visible to anyone. Enable them for any shared"
                    + " deployment.");
        } else if (keys.isEmpty()) {
            throw new IllegalStateException("hitorflop.security.api-keys.enabled=true but no key is configured in "
                    + "hitorflop.security.api-keys.keys");
        } else {
            LOG.infof("API keys are enabled: every request needs a key except %s; a job is visible only to the key"
                    + " that submitted it", publicPaths);
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::authorise);
    }

    private void authorise(RoutingContext request) {
        String rawPath = request.request().path();
        String path;
        try {
            path = RequestPath.normalise(rawPath);
        } catch (RequestPath.InvalidPathException invalid) {
            refuse(request, Problem.of(ProblemType.INVALID_PATH, invalid.getMessage(), null), "/invalid-path");
            return;
        }
        if (!enabled) {
            request.put(CALLER, Caller.ANONYMOUS);
            request.next();
            return;
        }
        if (publicPaths.contains(path)) {
            request.next();
            return;
        }
        Optional<String> keyId = ApiKeys.presented(request.request().getHeader(ApiKeys.HEADER),
                        request.request().getHeader(HttpHeaders.AUTHORIZATION))
                .flatMap(keys::identify);
        if (keyId.isEmpty()) {
            request.response().putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            refuse(request, Problem.of(ProblemType.UNAUTHORIZED, "send a valid API key in the " + ApiKeys.HEADER
                    + " header (or Authorization: Bearer)", null), "/unauthorized");
            return;
        }
        request.put(CALLER, new Caller.KeyHolder(keyId.get()));
        request.next();
    }

    private void refuse(RoutingContext request, Problem problem, String metricsUri) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_URI_TEMPLATE, metricsUri);
        }
        RoutingProblems.send(request, problem);
    }
}

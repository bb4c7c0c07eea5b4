package io.hitorflop.results.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.security.apikeys.ApiKeys;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.config.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * Access control on {@code /v1/**}: when API keys are configured, a request needs a known key
 * ({@code X-API-Key} or {@code Authorization: Bearer}) or is answered 401 {@code unauthorized};
 * the key's id then decides which jobs the request sees ({@link Caller}). Disabled (the local
 * default), everything is open, and the start-up log says so.
 */
@ApplicationScoped
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final boolean enabled;
    private final ApiKeys keys;
    private final Caller caller;

    ApiKeyFilter(SecurityConfig config, Caller caller) {
        this.enabled = config.apiKeys().enabled();
        this.keys = ApiKeys.fromConfig(config.apiKeys().keys().orElse(List.of()));
        this.caller = caller;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.warn("API keys are DISABLED (hitorflop.security.api-keys.enabled=false): /v1 is open to anyone who"
                    + " can reach this port and every job is visible. Enable them for any shared deployment.");
        } else if (keys.isEmpty()) {
            throw new IllegalStateException("hitorflop.security.api-keys.enabled=true but no key is configured in "
                    + "hitorflop.security.api-keys.keys");
        } else {
            LOG.info("API keys are enabled: /v1 needs a key and a job is visible only to the key that submitted it");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!enabled || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return Optional.empty();
        }
        Optional<String> keyId = ApiKeys.presented(request.getHeaderString(ApiKeys.HEADER),
                        request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(keys::identify);
        if (keyId.isEmpty()) {
            return Optional.of(Response.status(ProblemType.UNAUTHORIZED.status())
                    .type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(Problem.of(ProblemType.UNAUTHORIZED,
                            "send a valid API key in the " + ApiKeys.HEADER + " header (or Authorization: Bearer)",
                            path))
                    .build());
        }
        caller.identify(keyId.get());
        return Optional.empty();
    }
}

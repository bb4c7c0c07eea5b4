package io.hitorflop.ingest.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.security.apikeys.ApiKeys;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.Problems;
import io.hitorflop.service.config.SecurityConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * When API keys are enabled, every {@code /v1} request must present a configured key
 * ({@value ApiKeys#HEADER} or {@code Authorization: Bearer}); otherwise 401 problem+json with a
 * {@code WWW-Authenticate} challenge. The key's id becomes the job owner.
 */
public class ApiKeyFilter {

    private final SecurityConfig config;
    private final ApiKeys keys;
    private final Caller caller;

    ApiKeyFilter(SecurityConfig config, ApiKeys keys, Caller caller) {
        this.config = config;
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!config.apiKeys().enabled() || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return Optional.empty();
        }
        Optional<String> owner = ApiKeys.presented(request.getHeaderString(ApiKeys.HEADER),
                        request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(keys::identify);
        if (owner.isEmpty()) {
            Response problem = Problems.response(Problem.of(ProblemType.UNAUTHORIZED,
                    "send a valid API key in the " + ApiKeys.HEADER + " header (or Authorization: Bearer)", path));
            return Optional.of(Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
        caller.identified(owner.get());
        return Optional.empty();
    }
}

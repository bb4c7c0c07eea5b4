package io.hitorflop.localstack.router;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The one-origin rules of the local run, the same as the Kubernetes HTTPRoute in {@code deploy/}:
 * {@code POST /v1/jobs} goes to ingest, every other {@code /v1/**} request to results, and
 * {@code /q/<service>/<rest>} to {@code /q/<rest>} of that service (health, metrics, OpenAPI).
 *
 * @param ingest   base URI of ingest-service, e.g. {@code http://127.0.0.1:8081}
 * @param results  base URI of results-service
 * @param services base URI of each service by name, for the {@code /q/<service>/...} paths
 */
public record RoutingTable(URI ingest, URI results, Map<String, URI> services) {

    private static final String API_PREFIX = "/v1/";
    private static final String SUBMIT_PATH = "/v1/jobs";
    private static final String OPERATIONS_PREFIX = "/q/";

    public RoutingTable {
        services = Map.copyOf(services);
    }

    /**
     * The upstream URI (without query) for a request, or empty when no service serves the path.
     * The path is normalised first, so {@code /v1/../q/x} cannot slip past the rules.
     */
    public Optional<URI> upstreamOf(String method, String rawPath) {
        String path = URI.create(rawPath).normalize().getRawPath();
        if (path.equals(SUBMIT_PATH) && method.equals("POST")) {
            return Optional.of(at(ingest, path));
        }
        if (path.equals("/v1") || path.startsWith(API_PREFIX)) {
            return Optional.of(at(results, path));
        }
        if (path.startsWith(OPERATIONS_PREFIX)) {
            String rest = path.substring(OPERATIONS_PREFIX.length());
            int slash = rest.indexOf('/');
            String service = slash < 0 ? rest : rest.substring(0, slash);
            URI base = services.get(service);
            if (base != null) {
                return Optional.of(at(base, OPERATIONS_PREFIX + (slash < 0 ? "" : rest.substring(slash + 1))));
            }
        }
        return Optional.empty();
    }

    private static URI at(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }
}

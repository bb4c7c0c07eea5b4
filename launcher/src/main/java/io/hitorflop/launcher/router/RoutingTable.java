package io.hitorflop.launcher.router;

import io.hitorflop.security.paths.RequestPath;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one-origin rules of the local run, the same as the Kubernetes HTTPRoute in {@code deploy/}:
 * {@code POST /v1/jobs} goes to ingest and every {@code GET}/{@code HEAD} under {@code /v1} to
 * results. With {@link #withPage} the dashboard's files answer every read no route takes ({@code /},
 * {@code /jobs/<id>}, {@code /js/main.js}); nothing else is exposed (the services' {@code /q/**}
 * stays on their own ports). The first route whose path and method match wins; a path some route
 * serves, asked with a method none of them allows, is a 405 naming the methods they do allow.
 *
 * @param routes the rules in order
 * @param page   the dashboard's files, or null when the router serves only the API
 */
public record RoutingTable(List<Route> routes, PageFiles page) {

    private static final Set<String> READ = Set.of("GET", "HEAD");

    public RoutingTable {
        routes = List.copyOf(routes);
    }

    /** The same routes, and the dashboard's files for the paths they leave. */
    public RoutingTable withPage(PageFiles files) {
        return new RoutingTable(routes, files);
    }

    /** The public API: submissions (jobs and batches) to ingest, everything else under {@code /v1} (reads) to results. */
    public static RoutingTable api(URI ingest, URI results) {
        return new RoutingTable(List.of(
                new Route("/v1/jobs", false, Set.of("POST"), ingest),
                new Route("/v1/batches", false, Set.of("POST"), ingest),
                new Route("/v1", true, READ, results)), null);
    }

    /**
     * One rule: requests with one of {@code methods} to {@code path} (or, if {@code prefix}, to
     * {@code path} and anything under {@code path/}) go to the same path on {@code upstream}.
     */
    public record Route(String path, boolean prefix, Set<String> methods, URI upstream) {
        public Route {
            methods = Set.copyOf(methods);
        }

        boolean matches(String requestPath) {
            return requestPath.equals(path) || prefix && requestPath.startsWith(path + "/");
        }
    }

    /** What the router does with a request. */
    public sealed interface Decision permits Forward, ServeFile, MethodNotAllowed, NotFound, InvalidPath {
    }

    /** Answer with one of the dashboard's files. */
    public record ServeFile(PageFiles.File file) implements Decision {
    }

    /** Forward to {@code target} (the upstream base plus the normalised path, no query). */
    public record Forward(URI target) implements Decision {
    }

    public record MethodNotAllowed(String path, Set<String> allowed) implements Decision {
    }

    public record NotFound(String path) implements Decision {
    }

    public record InvalidPath(String reason) implements Decision {
    }

    /** Decides on a request by its method and raw (undecoded) path. */
    public Decision decide(String method, String rawPath) {
        String path;
        try {
            path = RequestPath.normalise(rawPath);
        } catch (RequestPath.InvalidPathException e) {
            return new InvalidPath(e.getMessage());
        }
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (route.matches(path)) {
                if (route.methods().contains(method)) {
                    return new Forward(URI.create(route.upstream().toString().replaceAll("/+$", "") + path));
                }
                allowed.addAll(route.methods());
            }
        }
        Optional<PageFiles.File> file = allowed.isEmpty() && page != null ? page.find(path) : Optional.empty();
        if (file.isPresent()) {
            return READ.contains(method) ? new ServeFile(file.get()) : new MethodNotAllowed(path, new TreeSet<>(READ));
        }
        return allowed.isEmpty() ? new NotFound(path) : new MethodNotAllowed(path, allowed);
    }
}

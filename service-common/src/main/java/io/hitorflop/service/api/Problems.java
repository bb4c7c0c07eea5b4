package io.hitorflop.service.api;

import io.hitorflop.contract.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The RFC 9457 problem answers the HTTP services give alike: the catch-all mapper for an
 * unexpected failure, and the helpers each service's own {@code ProblemMappers} builds its
 * answers with.
 */
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);

    /** Whatever no other mapper takes: logged with its stack trace, answered 500 {@code internal}. */
    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable failure, UriInfo uri) {
        return internal(failure, uri);
    }

    /** A failure that is the service's fault: logged with its stack trace, answered 500 {@code internal}. */
    public static Response internal(Throwable failure, UriInfo uri) {
        LOG.error("unexpected failure at " + path(uri), failure);
        return response(Problem.of(ProblemType.INTERNAL, "internal error; see the service log", path(uri)));
    }

    /**
     * A JAX-RS error status as a problem: the first of {@code types} with that status, otherwise
     * {@code about:blank} titled with the status's reason phrase.
     */
    public static Response http(WebApplicationException failure, UriInfo uri, ProblemType... types) {
        int status = failure.getResponse().getStatus();
        for (ProblemType type : types) {
            if (type.status() == status) {
                return response(Problem.of(type, failure.getMessage(), path(uri)));
            }
        }
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        return response(new Problem("about:blank", reason != null ? reason.getReasonPhrase() : "HTTP " + status,
                status, failure.getMessage(), path(uri), null));
    }

    /** The answer carrying {@code problem}, with its status and {@value Problem#MEDIA_TYPE}. */
    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The request's path as sent: a problem's {@code instance}. */
    public static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}

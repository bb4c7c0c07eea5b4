package io.hitorflop.results.api;

import io.hitorflop.contract.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error the API can meet into an RFC 9457 problem document. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response jobNotFound(JobNotFoundException missing, UriInfo uri) {
        return problem(Problem.of(ProblemType.JOB_NOT_FOUND, missing.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response malformedJobId(MalformedJobIdException malformed, UriInfo uri) {
        return problem(Problem.of(ProblemType.INVALID_JOB_ID, malformed.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException invalid, UriInfo uri) {
        ProblemType type = ProblemType.BAD_REQUEST;
        return problem(new Problem(type.uri(), type.title(), type.status(), invalid.getMessage(), path(uri),
                invalid.errors()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException failure, UriInfo uri) {
        int status = failure.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 404 -> ProblemType.NOT_FOUND;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 500 -> ProblemType.INTERNAL;
            default -> null;
        };
        if (type == null) {
            Response.StatusType reason = Response.Status.fromStatusCode(status);
            return problem(new Problem("about:blank", reason != null ? reason.getReasonPhrase() : "HTTP " + status,
                    status, failure.getMessage(), path(uri), null));
        }
        return problem(Problem.of(type, failure.getMessage(), path(uri)));
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable failure, UriInfo uri) {
        LOG.error("unexpected failure at " + path(uri), failure);
        return problem(Problem.of(ProblemType.INTERNAL, "internal error; see the service log", path(uri)));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}

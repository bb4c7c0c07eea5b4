package io.hitorflop.results.job.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import static io.hitorflop.service.api.Problems.path;
import static io.hitorflop.service.api.Problems.response;

/**
 * Turns every error the API can meet into an RFC 9457 problem document; what no mapper here takes
 * is answered by {@link Problems#unexpected}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response jobNotFound(JobNotFoundException missing, UriInfo uri) {
        return response(Problem.of(ProblemType.JOB_NOT_FOUND, missing.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response malformedJobId(MalformedJobIdException malformed, UriInfo uri) {
        return response(Problem.of(ProblemType.INVALID_JOB_ID, malformed.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException invalid, UriInfo uri) {
        ProblemType type = ProblemType.INVALID_QUERY;
        return response(new Problem(type.uri(), type.title(), type.status(), invalid.getMessage(), path(uri),
                invalid.errors()));
    }

    @ServerExceptionMapper
    public Response streamLimit(StreamLimitException limit, UriInfo uri) {
        return response(Problem.of(limit.type(), limit.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException failure, UriInfo uri) {
        return Problems.http(failure, uri, ProblemType.BAD_REQUEST, ProblemType.NOT_FOUND,
                ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.INTERNAL);
    }
}

package io.hitorflop.results.batch.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.service.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import static io.hitorflop.service.api.Problems.path;
import static io.hitorflop.service.api.Problems.response;

/** RFC 9457 answers of the batch API. */
public class BatchProblemMappers {

    @ServerExceptionMapper
    public Response batchNotFound(BatchNotFoundException missing, UriInfo uri) {
        return response(Problem.of(ProblemType.BATCH_NOT_FOUND, missing.getMessage(), path(uri)));
    }
}

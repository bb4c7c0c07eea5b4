package io.hitorflop.ingest.batch.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.batch.domain.BatchNotQueuedException;
import io.hitorflop.ingest.batch.domain.BatchRefusedException;
import io.hitorflop.ingest.batch.domain.UnreadableBatchException;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** RFC 9457 answers for a batch refused as a whole (per-row problems are part of the batch's results). */
public class BatchProblemMappers {

    private static final Logger LOG = Logger.getLogger(BatchProblemMappers.class);

    @ServerExceptionMapper
    public Response unreadable(UnreadableBatchException unreadable, UriInfo uri) {
        return Problems.response(Problem.of(ProblemType.INVALID_BATCH, unreadable.getMessage(), Problems.path(uri)));
    }

    @ServerExceptionMapper
    public Response refused(BatchRefusedException refused, UriInfo uri) {
        Response answer = Problems.response(Problem.of(refused.type(), refused.getMessage(), Problems.path(uri)));
        return refused.retryAfterSeconds() == null ? answer
                : Response.fromResponse(answer).header("Retry-After", refused.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response notQueued(BatchNotQueuedException notQueued, UriInfo uri) {
        LOG.error(notQueued.getMessage(), notQueued);
        Response.ResponseBuilder answer = Response.fromResponse(Problems.response(Problem.of(ProblemType.QUEUE_UNAVAILABLE,
                notQueued.getMessage(), Problems.path(uri)))).header("Retry-After", "10");
        // the batch exists and completes: its results tell which rows to submit again
        notQueued.batchId().ifPresent(id -> answer.header("Location", "/v1/batches/" + id));
        return answer.build();
    }
}

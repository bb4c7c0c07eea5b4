package io.hitorflop.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.domain.AudioRejectedException;
import io.hitorflop.ingest.domain.ForbiddenUrlException;
import io.hitorflop.ingest.domain.IdempotencyKeyInProgressException;
import io.hitorflop.ingest.domain.IdempotencyKeyReusedException;
import io.hitorflop.ingest.domain.InvalidFeaturesException;
import io.hitorflop.ingest.messaging.EventNotPublishedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Turns every error the API can meet into an RFC 9457 problem document. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response audioRejected(AudioRejectedException rejected, UriInfo uri) {
        return problem(Problem.of(rejected.problemType(), rejected.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidFeatures(InvalidFeaturesException invalid, UriInfo uri) {
        ProblemType type = ProblemType.INVALID_FEATURES;
        return problem(new Problem(type.uri(), type.title(), type.status(),
                invalid.violations().size() + " feature(s) cannot be scored", path(uri),
                invalid.violations().stream()
                        .map(violation -> new Problem.FieldError(violation.feature(), violation.problem()))
                        .toList()));
    }

    @ServerExceptionMapper
    public Response forbiddenUrl(ForbiddenUrlException forbidden, UriInfo uri) {
        return problem(Problem.of(ProblemType.FORBIDDEN_URL, forbidden.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException reused, UriInfo uri) {
        return problem(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, reused.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response idempotencyKeyInProgress(IdempotencyKeyInProgressException inProgress, UriInfo uri) {
        return Response.fromResponse(problem(Problem.of(ProblemType.CONFLICT, inProgress.getMessage(), path(uri))))
                .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response malformedRequest(JobsResource.MalformedRequestException malformed, UriInfo uri) {
        return problem(Problem.of(ProblemType.BAD_REQUEST, malformed.getMessage(), path(uri)));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response malformedJson(JsonProcessingException malformed, UriInfo uri) {
        String where = malformed instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? " at '" + mismatch.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        return problem(Problem.of(ProblemType.BAD_REQUEST, "malformed JSON" + where + ": "
                + malformed.getOriginalMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response notPublished(EventNotPublishedException notPublished, UriInfo uri) {
        LOG.error(notPublished.getMessage(), notPublished);
        return problem(Problem.of(ProblemType.INTERNAL, "the job could not be queued; try again later", path(uri)));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException failure, UriInfo uri) {
        if (failure.getCause() instanceof JsonProcessingException malformed) {
            return malformedJson(malformed, uri);
        }
        int status = failure.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 404 -> ProblemType.NOT_FOUND;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
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

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}

package io.hitorflop.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.audio.IntakeBusyException;
import io.hitorflop.ingest.idempotency.domain.IdempotencyKeyInProgressException;
import io.hitorflop.ingest.idempotency.domain.IdempotencyKeyReusedException;
import io.hitorflop.ingest.submission.domain.ForbiddenUrlException;
import io.hitorflop.ingest.submission.domain.InvalidFeaturesException;
import io.hitorflop.ingest.submission.domain.InvalidFieldException;
import io.hitorflop.ingest.submission.messaging.EventNotPublishedException;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.api.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.hitorflop.service.api.Problems.path;
import static io.hitorflop.service.api.Problems.response;

/**
 * Turns every error the API can meet into an RFC 9457 problem document; what no mapper here takes
 * is answered by {@link Problems#unexpected}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String MULTIPART_PARSER_PACKAGE = MultipartParser.class.getPackageName();
    private static final String UNREADABLE_MULTIPART = "the multipart body cannot be read: it is empty, ends before "
            + "its closing boundary, or is not delimited by the boundary its Content-Type names";

    @ServerExceptionMapper
    public Response audioRejected(AudioRejectedException rejected, UriInfo uri) {
        return response(Problem.of(rejected.problemType(), rejected.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidFeatures(InvalidFeaturesException invalid, UriInfo uri) {
        ProblemType type = ProblemType.INVALID_FEATURES;
        return response(new Problem(type.uri(), type.title(), type.status(),
                invalid.violations().size() + " feature(s) cannot be scored", path(uri),
                invalid.violations().stream()
                        .map(violation -> new Problem.FieldError(violation.feature(), violation.problem()))
                        .toList()));
    }

    @ServerExceptionMapper
    public Response forbiddenUrl(ForbiddenUrlException forbidden, UriInfo uri) {
        return response(Problem.of(ProblemType.FORBIDDEN_URL, forbidden.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException reused, UriInfo uri) {
        return response(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, reused.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response idempotencyKeyInProgress(IdempotencyKeyInProgressException inProgress, UriInfo uri) {
        return Response.fromResponse(response(Problem.of(ProblemType.CONFLICT, inProgress.getMessage(), path(uri))))
                .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response busy(IntakeBusyException busy, UriInfo uri) {
        return Response.fromResponse(response(Problem.of(ProblemType.SERVICE_BUSY, busy.getMessage(), path(uri))))
                .header("Retry-After", "10").build();
    }

    @ServerExceptionMapper
    public Response malformedRequest(MalformedRequestException malformed, UriInfo uri) {
        return response(Problem.of(malformed.type(), malformed.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException invalid, UriInfo uri) {
        return response(Problem.of(invalid.type(), invalid.getMessage(), path(uri),
                List.of(new Problem.FieldError(invalid.field(), invalid.problem()))));
    }

    @ServerExceptionMapper
    public Response malformedMultipart(MultipartParser.MalformedMessageException malformed, UriInfo uri) {
        return response(Problem.of(ProblemType.INVALID_MULTIPART, UNREADABLE_MULTIPART, path(uri)));
    }

    /**
     * The multipart parser refuses a body it cannot read with a bare IOException, told apart from
     * the service's own I/O failures (500) by where it was thrown.
     */
    @ServerExceptionMapper
    public Response inputOutput(IOException failure, UriInfo uri) {
        if (Arrays.stream(failure.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith(MULTIPART_PARSER_PACKAGE))) {
            return response(Problem.of(ProblemType.INVALID_MULTIPART, UNREADABLE_MULTIPART, path(uri)));
        }
        return Problems.internal(failure, uri);
    }

    /** The rest of the body is not read: the connection closes after the answer. */
    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException tooLarge, UriInfo uri) {
        return Response.fromResponse(response(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage(),
                path(uri)))).header("Connection", "close").build();
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response malformedJson(JsonProcessingException malformed, UriInfo uri) {
        String where = malformed instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? " at '" + mismatch.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        return response(Problem.of(ProblemType.MALFORMED_JSON, "malformed JSON" + where + ": "
                + malformed.getOriginalMessage(), path(uri)));
    }

    /** Nothing of the job is visible (its transaction did not commit), so the client may simply retry. */
    @ServerExceptionMapper
    public Response notPublished(EventNotPublishedException notPublished, UriInfo uri) {
        LOG.error(notPublished.getMessage(), notPublished);
        return Response.fromResponse(response(Problem.of(ProblemType.QUEUE_UNAVAILABLE,
                "the job could not be queued: the message broker did not confirm it in time; nothing was kept, "
                        + "try again later", path(uri)))).header("Retry-After", "10").build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException failure, UriInfo uri) {
        if (failure.getCause() instanceof JsonProcessingException malformed) {
            return malformedJson(malformed, uri);
        }
        return Problems.http(failure, uri, ProblemType.BAD_REQUEST, ProblemType.NOT_FOUND,
                ProblemType.PAYLOAD_TOO_LARGE, ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.INTERNAL);
    }
}

package io.hitorflop.ingest.submission.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.http.MalformedRequestException;
import io.hitorflop.ingest.idempotency.api.IdempotencyKeyHeader;
import io.hitorflop.ingest.idempotency.api.PayloadFingerprint;
import io.hitorflop.ingest.idempotency.domain.IdempotentSubmissions;
import io.hitorflop.ingest.submission.domain.AcceptedJob;
import io.hitorflop.ingest.submission.domain.JobIntake;
import io.hitorflop.ingest.submission.domain.Submitter;
import io.hitorflop.service.security.Caller;
import io.hitorflop.service.security.CurrentCaller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;

/** Job submission. Polling ({@code GET /v1/jobs/{id}}) is served by the results service behind the same origin. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final JobIntake intake;
    private final CurrentCaller caller;
    private final SubmissionReader submissions;
    private final IdempotentSubmissions idempotent;

    JobsResource(JobIntake intake, CurrentCaller caller, SubmissionReader submissions, IdempotentSubmissions idempotent) {
        this.intake = intake;
        this.caller = caller;
        this.submissions = submissions;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Submit an audio file (multipart part 'file', optional part 'webhook_url'); it is transcoded, "
            + "stored and queued for analysis")
    @APIResponse(responseCode = "202", description = "Queued; poll the Location")
    @APIResponse(responseCode = "413", description = "Upload larger than quarkus.http.limits.max-body-size")
    @APIResponse(responseCode = "422", description = "Not decodable audio, empty, too short or too long; forbidden webhook URL")
    @APIResponse(responseCode = "503", description = "Too much audio waiting to be transcoded; retry after Retry-After seconds")
    public RestResponse<AcceptedJob> submitAudio(@RestForm("file") FileUpload file,
                                                 @RestForm("webhook_url") String webhookUrl,
                                                 @Context HttpServerRequest request)
            throws Exception {
        if (file == null) {
            throw new MalformedRequestException(ProblemType.INVALID_MULTIPART,
                    "the multipart form needs a part named 'file' holding the audio");
        }
        Submitter submitter = submitter(webhookUrl);
        String key = IdempotencyKeyHeader.parse(request);
        if (key == null) {
            return accepted(intake.submitUpload(file.uploadedFile(), file.fileName(), submitter), false);
        }
        String fingerprint = PayloadFingerprint.ofUpload(file.uploadedFile(), file.fileName(), submitter.webhookUrl());
        return accepted(idempotent.submit(submitter.owner(), key, fingerprint,
                () -> intake.submitUpload(file.uploadedFile(), file.fileName(), submitter)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a link {\"url\": \"https://...\"} (fetched asynchronously) or a 'spotify' feature "
            + "vector {\"features\": {\"danceability\": 0.7, ...}}; optional {\"webhook\": {\"url\": ...}}")
    @APIResponse(responseCode = "202", description = "Queued; poll the Location")
    @APIResponse(responseCode = "413", description = "Body larger than hitorflop.ingest.limits.json-body")
    @APIResponse(responseCode = "422", description = "A feature is missing, unknown or out of range; forbidden URL; "
            + "a field over its limit or with control characters")
    public RestResponse<AcceptedJob> submitJson(InputStream stream, @Context HttpServerRequest request)
            throws Exception {
        String key = IdempotencyKeyHeader.parse(request);
        byte[] body = submissions.body(stream, request.getHeader(HttpHeaders.CONTENT_LENGTH));
        JobSubmission submission = body.length == 0 ? null : submissions.parse(body);
        if (submission == null || (submission.url() == null) == (submission.features() == null)) {
            throw new MalformedRequestException(ProblemType.BAD_REQUEST, "the body must be a JSON object with either "
                    + "\"url\" (a link to the song) or \"features\" (a spotify feature vector)");
        }
        Submitter submitter = submitter(submission.webhookUrl());
        IdempotentSubmissions.Submission<AcceptedJob> submit = () -> submission.url() != null
                ? intake.submitLink(submission.url(), submitter)
                : intake.submitFeatures(submission.features(), submitter);
        if (key == null) {
            return accepted(submit.submit(), false);
        }
        return accepted(idempotent.submit(submitter.owner(), key, PayloadFingerprint.ofBody(body), submit));
    }

    private Submitter submitter(String webhookUrl) {
        // A job of the anonymous local mode has no owner: with keys on, no key ever sees it.
        String owner = caller.get() instanceof Caller.KeyHolder holder ? holder.id() : null;
        return new Submitter(owner, webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip());
    }

    /** The Location stays relative to the one origin clients use, whatever host this instance runs on. */
    private static RestResponse<AcceptedJob> accepted(IdempotentSubmissions.Outcome<AcceptedJob> outcome) {
        return accepted(outcome.answer(), outcome.replayed());
    }

    /** A replayed answer is marked, as Stripe and others do, so clients can tell it from a new job. */
    private static RestResponse<AcceptedJob> accepted(AcceptedJob job, boolean replayed) {
        RestResponse.ResponseBuilder<AcceptedJob> response = RestResponse.ResponseBuilder.<AcceptedJob>create(RestResponse.Status.ACCEPTED)
                .header(HttpHeaders.LOCATION, "/v1/jobs/" + job.id())
                .entity(job);
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}

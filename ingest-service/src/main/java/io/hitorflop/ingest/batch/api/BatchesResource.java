package io.hitorflop.ingest.batch.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.ingest.batch.domain.AcceptedBatch;
import io.hitorflop.ingest.batch.domain.BatchFormat;
import io.hitorflop.ingest.batch.domain.BatchIntake;
import io.hitorflop.ingest.batch.domain.BatchRequest;
import io.hitorflop.ingest.config.BatchConfig;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.ingest.http.MalformedRequestException;
import io.hitorflop.ingest.idempotency.api.IdempotencyKeyHeader;
import io.hitorflop.ingest.idempotency.api.PayloadFingerprint;
import io.hitorflop.ingest.idempotency.domain.IdempotentSubmissions;
import io.hitorflop.ingest.submission.domain.Submitter;
import io.hitorflop.service.security.Caller;
import io.hitorflop.service.security.CurrentCaller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;
import java.nio.file.Files;

/**
 * Catalogue batches: a CSV or JSON Lines file of feature vectors or links becomes one job per valid
 * row. The batch's progress and results are served by results-service behind the same origin.
 */
@Path("/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchesResource {

    static final String NDJSON = "application/x-ndjson";
    private static final String TRUE = "true";
    private static final String FALSE = "false";

    private final BatchIntake intake;
    private final BatchConfig config;
    private final IngestConfig ingest;
    private final CurrentCaller caller;
    private final IdempotentSubmissions idempotent;

    BatchesResource(BatchIntake intake, BatchConfig config, IngestConfig ingest, CurrentCaller caller,
                    IdempotentSubmissions idempotent) {
        this.intake = intake;
        this.config = config;
        this.ingest = ingest;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes({"text/csv", NDJSON, "application/jsonl"})
    @Operation(summary = "Submit a batch: a CSV file with a header row, or JSON Lines; each row a 'spotify' feature "
            + "vector (the set's column names) or a link (column 'url'); other columns are echoed in the results")
    @APIResponse(responseCode = "202", description = "Accepted: rows counted, valid rows queued; poll links.self")
    @APIResponse(responseCode = "400", description = "invalid-batch (no header, unreadable file), invalid-query")
    @APIResponse(responseCode = "413", description = "payload-too-large (bytes) or too-many-rows")
    @APIResponse(responseCode = "429", description = "too-many-batches: as many batches of this key run as allowed")
    public RestResponse<AcceptedBatch> submitBody(InputStream body,
                                                  @QueryParam("featureSet") String featureSet,
                                                  @QueryParam("explain") String explain,
                                                  @QueryParam("webhookUrl") String webhookUrl,
                                                  @Context HttpServerRequest request) throws Exception {
        BatchFormat format = BatchFormat.of(request.getHeader(HttpHeaders.CONTENT_TYPE), null).orElseThrow();
        BatchRequest batch = request(featureSet, explain, webhookUrl);
        java.nio.file.Path file = BatchBodySpool.spool(body, request.getHeader(HttpHeaders.CONTENT_LENGTH),
                config.maxBytes().asLongValue(), ingest.workDir().resolve("batches"));
        try {
            return submit(file, format, batch, request);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Submit a batch file in the multipart part 'file' (CSV or JSON Lines, by the part's "
            + "content type or its name's .csv / .jsonl)")
    @APIResponse(responseCode = "202", description = "Accepted: rows counted, valid rows queued; poll links.self")
    public RestResponse<AcceptedBatch> submitUpload(@RestForm("file") FileUpload file,
                                                    @QueryParam("featureSet") String featureSet,
                                                    @QueryParam("explain") String explain,
                                                    @QueryParam("webhookUrl") String webhookUrl,
                                                    @Context HttpServerRequest request) throws Exception {
        if (file == null) {
            throw new MalformedRequestException(ProblemType.INVALID_MULTIPART,
                    "the multipart form needs a part named 'file' holding the batch");
        }
        BatchFormat format = BatchFormat.of(file.contentType(), file.fileName()).orElseThrow(() ->
                new MalformedRequestException(ProblemType.INVALID_BATCH, "the part 'file' is neither text/csv nor "
                        + NDJSON + ", nor named .csv or .jsonl"));
        BatchRequest batch = request(featureSet, explain, webhookUrl);
        if (file.size() > config.maxBytes().asLongValue()) {
            throw new io.hitorflop.ingest.http.BodyTooLargeException(config.maxBytes().asLongValue());
        }
        return submit(file.uploadedFile(), format, batch, request);
    }

    private RestResponse<AcceptedBatch> submit(java.nio.file.Path file, BatchFormat format, BatchRequest batch,
                                               HttpServerRequest request) throws Exception {
        String key = IdempotencyKeyHeader.parse(request);
        if (key == null) {
            return accepted(intake.submit(file, format, batch), false);
        }
        // "batch" and the options make a batch's fingerprint unlike any job's (the answer is read back as a batch).
        String fingerprint = PayloadFingerprint.ofUpload(file, "batch", format.name(), batch.vectors().id(),
                Boolean.toString(batch.explain()), batch.submitter().webhookUrl());
        IdempotentSubmissions.Outcome<AcceptedBatch> outcome = idempotent.submit(batch.submitter().owner(), key,
                fingerprint, AcceptedBatch.class, () -> intake.submit(file, format, batch));
        return accepted(outcome.answer(), outcome.replayed());
    }

    private BatchRequest request(String featureSet, String explain, String webhookUrl) {
        FeatureSet vectors;
        if (featureSet == null) {
            vectors = FeatureSet.SPOTIFY;
        } else if (featureSet.equals(FeatureSet.SPOTIFY.id()) || featureSet.equals(FeatureSet.AUDIO.id())) {
            vectors = FeatureSet.fromId(featureSet);
        } else {
            throw new MalformedRequestException(ProblemType.INVALID_QUERY,
                    "featureSet must be 'spotify' or 'audio'");
        }
        if (explain != null && !explain.equals(TRUE) && !explain.equals(FALSE)) {
            throw new MalformedRequestException(ProblemType.INVALID_QUERY, "explain must be 'true' or 'false'");
        }
        // A batch of the anonymous local mode has no owner: with keys on, no key ever sees it.
        String owner = caller.get() instanceof Caller.KeyHolder holder ? holder.id() : null;
        return new BatchRequest(vectors, TRUE.equals(explain),
                new Submitter(owner, webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip()));
    }

    /** The Location stays relative to the one origin clients use; a replay is marked as for jobs. */
    private static RestResponse<AcceptedBatch> accepted(AcceptedBatch batch, boolean replayed) {
        RestResponse.ResponseBuilder<AcceptedBatch> response = RestResponse.ResponseBuilder
                .<AcceptedBatch>create(RestResponse.Status.ACCEPTED)
                .header(HttpHeaders.LOCATION, batch.links().self())
                .entity(batch);
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}

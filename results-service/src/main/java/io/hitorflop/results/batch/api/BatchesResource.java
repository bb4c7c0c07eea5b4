package io.hitorflop.results.batch.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.results.batch.domain.Batch;
import io.hitorflop.results.batch.persistence.BatchResultRows;
import io.hitorflop.results.batch.persistence.BatchStore;
import io.hitorflop.results.job.api.InvalidQueryException;
import io.hitorflop.results.job.domain.JobScope;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.security.CurrentCaller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** A catalogue batch's progress and results; batches are submitted at ingest ({@code POST /v1/batches}). */
@Path("/v1/batches")
public class BatchesResource {

    private final BatchStore store;
    private final BatchResultRows results;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    BatchesResource(BatchStore store, BatchResultRows results, CurrentCaller caller, ObjectMapper json) {
        this.store = store;
        this.results = results;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A batch's status (RUNNING or COMPLETE), its rows by job status and its progress")
    @APIResponse(responseCode = "404", description = "batch-not-found: unknown, not a UUID, or another key's")
    public BatchView get(@PathParam("id") String id) {
        return BatchView.of(visible(id));
    }

    @GET
    @Path("/{id}/results")
    @Produces({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON})
    @Operation(summary = "One line per input row in input order (CSV, or JSON Lines for Accept: application/x-ndjson "
            + "or ?format=jsonl): line, echoed columns, jobId, status, label, probability, the five votes, "
            + "problem type and detail; ?explain=true adds the explanation. Usable while the batch runs.")
    @APIResponse(responseCode = "400", description = "invalid-query: unknown format, explain not true/false")
    @APIResponse(responseCode = "404", description = "batch-not-found")
    public Response results(@PathParam("id") String id, @QueryParam("format") String format,
                            @QueryParam("explain") String explain, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ResultFormat chosen = ResultFormat.of(format, accept);
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        if (chosen == null) {
            errors.add(new Problem.FieldError("format", "must be csv or jsonl"));
        }
        if (explain != null && !explain.equals("true") && !explain.equals("false")) {
            errors.add(new Problem.FieldError("explain", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        Batch batch = visible(id);
        boolean explanation = "true".equals(explain);
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            BatchResultsWriter writer = new BatchResultsWriter(json, chosen, batch.columns(), explanation, out);
            writer.header();
            try {
                results.forEach(batch.id(), explanation, writer::row);
            } catch (SQLException failed) {
                throw new IOException("reading batch " + batch.id() + " failed", failed);
            }
            out.flush();
        };
        return Response.ok(body, chosen.mediaType()).build();
    }

    private Batch visible(String id) {
        UUID batchId;
        try {
            batchId = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw new BatchNotFoundException(id);
        }
        JobScope scope = JobScope.of(caller.get());
        return QuarkusTransaction.requiringNew().call(() -> store.find(batchId))
                .filter(batch -> !(scope instanceof JobScope.OwnedBy owned) || owned.owner().equals(batch.owner()))
                .orElseThrow(() -> new BatchNotFoundException(id));
    }
}

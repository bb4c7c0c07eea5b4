package io.hitorflop.results.job.api;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.persistence.ExplanationStore;
import io.hitorflop.results.job.persistence.JobPage;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.results.job.persistence.StoredExplanation;
import io.hitorflop.service.api.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads jobs: one by id (poll until DONE or FAILED), or a page of them, optionally by status. With
 * access control on, a caller sees only the jobs of its API key ({@link VisibleJobs}).
 */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final JobStore store;
    private final ExplanationStore explanations;
    private final VisibleJobs visible;
    private final ResultsConfig.Paging paging;

    JobsResource(JobStore store, ExplanationStore explanations, VisibleJobs visible, ResultsConfig config) {
        this.store = store;
        this.explanations = explanations;
        this.visible = visible;
        this.paging = config.paging();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job: its status and history; features, DNA and verdict once known")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Access control is on and the API key is missing or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job (yet: a just-submitted job appears within moments),"
            + " or one submitted with another API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@PathParam("id") String id) {
        Job job = visible.get(id);
        return JobView.of(job, job.publishedVerdict() == null ? StoredExplanation.NONE : explanations.find(job.id()));
    }

    @GET
    @Operation(summary = "Jobs, newest first, optionally only those in one status")
    @APIResponse(responseCode = "200", description = "One page of jobs")
    @APIResponse(responseCode = "400", description = "Unknown status or bad page/size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Access control is on and the API key is missing or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobPageView list(@QueryParam("status") String status, @QueryParam("page") String page,
                            @QueryParam("size") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JobStatus wanted = parseStatus(status, errors);
        int pageIndex = parseNumber("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = parseNumber("size", size, paging.defaultSize(), 1, paging.maxSize(), errors);
        if (errors.isEmpty() && (long) pageIndex * pageSize > Integer.MAX_VALUE) {
            // the store skips page × size rows, an int
            errors.add(new Problem.FieldError("page", "page × size must not exceed " + Integer.MAX_VALUE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        JobPage found = store.list(visible.scope(), wanted, pageIndex, pageSize);
        int lastPage = (int) Math.max(0, (found.total() - 1) / pageSize);
        JobPageView.Links links = new JobPageView.Links(
                link(wanted, pageIndex, pageSize),
                link(wanted, 0, pageSize),
                pageIndex > 0 ? link(wanted, Math.min(pageIndex - 1, lastPage), pageSize) : null,
                pageIndex < lastPage ? link(wanted, pageIndex + 1, pageSize) : null,
                link(wanted, lastPage, pageSize));
        return new JobPageView(found.jobs().stream().map(JobSummaryView::of).toList(), pageIndex, pageSize,
                found.total(), links);
    }

    private static JobStatus parseStatus(String status, List<Problem.FieldError> errors) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("status", "must be one of " + Arrays.stream(JobStatus.values())
                    .map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }
    }

    private static int parseNumber(String field, String value, int fallback, int min, int max,
                                   List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static String link(JobStatus status, int page, int size) {
        return "/v1/jobs?" + (status == null ? "" : "status=" + status + "&") + "page=" + page + "&size=" + size;
    }
}

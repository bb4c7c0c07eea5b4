package io.hitorflop.results.webhook.api;

import io.hitorflop.results.job.api.VisibleJobs;
import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.webhook.persistence.WebhookOutbox;
import io.hitorflop.service.api.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A job's webhooks and every attempt at delivering them, for the callers who may see the job. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    private final VisibleJobs visible;
    private final WebhookOutbox webhooks;

    DeliveriesResource(VisibleJobs visible, WebhookOutbox webhooks) {
        this.visible = visible;
        this.webhooks = webhooks;
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The job's webhook and every attempt at delivering it")
    @APIResponse(responseCode = "200", description = "The webhook (none while the job runs or when it has no URL)")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Access control is on and the API key is missing or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job, or one submitted with another API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveriesView deliveries(@PathParam("id") String id) {
        Job job = visible.get(id);
        return DeliveriesView.of(job.id().toString(), webhooks.ofJob(job.id()));
    }
}

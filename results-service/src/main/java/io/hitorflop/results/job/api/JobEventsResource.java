package io.hitorflop.results.job.api;

import io.hitorflop.results.job.domain.Job;
import io.hitorflop.service.api.Problem;
import io.hitorflop.service.security.CurrentCaller;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A job's history as Server-Sent Events, live: one {@code transition} event per state the job
 * entered, then one {@code job} event with the ended job, and the stream ends. See {@link JobEventStreams}.
 */
@Path("/v1/jobs")
public class JobEventsResource {

    private final VisibleJobs visible;
    private final CurrentCaller caller;
    private final JobEventStreams streams;

    JobEventsResource(VisibleJobs visible, CurrentCaller caller, JobEventStreams streams) {
        this.visible = visible;
        this.caller = caller;
        this.streams = streams;
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "A job's transitions as Server-Sent Events, then the ended job",
            description = "Starts with `retry:` (the reconnect delay). `event: transition`, `id:` the transition's"
                    + " position in the order this service recorded the job's states (1, 2, ...; a late event can"
                    + " record an earlier state after a later one), `data:` `{\"status\", \"at\"}`. Once the job is"
                    + " DONE or FAILED: `event: job`, `id:` the number of transitions, `data:` the job as"
                    + " `GET /v1/jobs/{id}` shows it; then the stream ends. With `Last-Event-ID: n` only the"
                    + " transitions after position n are sent (then `job` if the job has ended). A comment line"
                    + " `:keep-alive` is sent while nothing happens. A just-submitted job may answer 404"
                    + " `job-not-found` for a moment: retry.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = org.eclipse
                    .microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Access control is on and the API key is missing or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "`job-not-found`: no such job (yet: a just-submitted job appears"
            + " within moments), or one submitted with another API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "`too-many-streams`: this API key holds"
            + " `hitorflop.results.events.max-per-caller` open streams",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "`streams-full`: this replica holds"
            + " `hitorflop.results.events.max-open` open streams",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void events(@PathParam("id") String id,
                       @Parameter(description = "Position of the last transition received; only later ones are sent")
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServerResponse response) {
        Job job = visible.get(id);
        response.putHeader("Cache-Control", "no-store");
        streams.open(job.id(), caller.get(), sink, sse, position(lastEventId));
    }

    /** What EventSource sends back is our own id; anything else is taken as "nothing received". */
    private static int position(String lastEventId) {
        if (lastEventId == null || !lastEventId.trim().matches("\\d{1,9}")) {
            return 0;
        }
        return Integer.parseInt(lastEventId.trim());
    }
}

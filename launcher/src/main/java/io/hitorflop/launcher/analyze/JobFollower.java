package io.hitorflop.launcher.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.ProblemType;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The client half of {@code ./hitorflop analyze}: submits a song (a file, an http(s) link, or a
 * spotify feature vector) through the one origin, prints each status change as it arrives on the
 * job's event stream (polling {@code GET /v1/jobs/{id}} only when the stream is not served), then
 * the verdict and the job's dashboard link. {@link #analyze} answers 0 when the job is DONE, 1
 * when it FAILED or timed out, 2 on an API error.
 */
public final class JobFollower {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** results-service learns of a job from Kafka, a moment after ingest's 202: until then the job is a 404. */
    private static final Duration UNKNOWN_JOB_GRACE = Duration.ofSeconds(30);
    private static final Duration UNKNOWN_JOB_RETRY = Duration.ofMillis(500);
    /** The stream's reconnection time when the server names none (the standard's suggestion is a few seconds). */
    private static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    /**
     * How long the verdict's explanation, which follows the verdict, is waited for once the job is
     * DONE; the report then says the reasons are still being computed.
     */
    private static final Duration EXPLANATION_WAIT = Duration.ofSeconds(60);
    /** Connections in a row that fail before the first byte: the stream is given up for polling. */
    private static final int FAILED_CONNECTS_BEFORE_POLLING = 3;

    /** What to submit: exactly one of an audio file, a feature-vector JSON file, or a link. */
    public sealed interface Submission permits AudioFile, VectorFile, Link {

        JobsClient.Submitted submitTo(JobsClient client) throws IOException, InterruptedException;

        /** How the submission is named in the "submitted ..." line. */
        String shownAs();
    }

    public record AudioFile(Path file) implements Submission {
        @Override
        public JobsClient.Submitted submitTo(JobsClient client) throws IOException, InterruptedException {
            return client.submitAudio(file);
        }

        @Override
        public String shownAs() {
            return file.getFileName().toString();
        }
    }

    public record VectorFile(Path file) implements Submission {
        @Override
        public JobsClient.Submitted submitTo(JobsClient client) throws IOException, InterruptedException {
            return client.submitFeatures(Files.readString(file));
        }

        @Override
        public String shownAs() {
            return file.getFileName().toString();
        }
    }

    public record Link(String url) implements Submission {
        @Override
        public JobsClient.Submitted submitTo(JobsClient client) throws IOException, InterruptedException {
            return client.submitLink(url);
        }

        @Override
        public String shownAs() {
            return url;
        }
    }

    private final URI base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final PrintStream out;
    private final PrintStream err;

    public JobFollower(URI base, Optional<String> apiKey, Duration timeout, PrintStream out, PrintStream err) {
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.out = out;
        this.err = err;
    }

    public int analyze(Submission submission) {
        JobsClient client = new JobsClient(base, apiKey);
        try {
            JobsClient.Submitted submitted = submission.submitTo(client);
            String jobId = submitted.job().path("id").asText();
            out.printf(Locale.ROOT, "submitted %s as job %s (%s)%n", submission.shownAs(), jobId,
                    base.resolve(submitted.location()));
            Instant queuedAt = Instant.parse(submitted.job().path("createdAt").asText(Instant.now().toString()));
            TransitionLog log = new TransitionLog(queuedAt, out);
            JsonNode job = follow(client, submitted.location(), log);
            log.flush();
            if (job == null) {
                err.printf(Locale.ROOT, "analyze: no final status after %d s (dashboard: %s)%n", timeout.toSeconds(),
                        client.dashboardLink(jobId));
                return 1;
            }
            out.println();
            boolean done = job.path("status").asText().equals("DONE");
            out.print(done ? VerdictReport.of(job) : VerdictReport.failureOf(job));
            out.printf(Locale.ROOT, "%nOn the dashboard: %s%n", client.dashboardLink(jobId));
            return done ? 0 : 1;
        } catch (JobsClient.ApiException e) {
            err.println("analyze: the API refused the request: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("analyze: " + base + " is not reachable: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /** Follows the job to a final status; null when the timeout passes first. */
    JsonNode follow(JobsClient client, URI location, TransitionLog log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        StreamOutcome streamed = stream(client, location, log, deadline);
        if (streamed.job() != null || !streamed.fallBackToPolling()) {
            return streamed.job();
        }
        err.println("analyze: the job's event stream is not available (" + streamed.reason() + "); polling instead");
        return poll(client, location, log, deadline);
    }

    /** What following the stream came to: the final job, or why it stopped (and whether polling may do better). */
    private record StreamOutcome(JsonNode job, boolean fallBackToPolling, String reason) {
    }

    /**
     * Reads {@code GET <location>/events}: each {@code transition} event is printed, the {@code job}
     * event ends it, unless its verdict's explanation is pending: then the {@code explanation} event
     * that follows is read into it, for at most {@link #EXPLANATION_WAIT}. A stream that ends or breaks without the job is reopened with
     * {@code Last-Event-ID}, after the server's {@code retry:} time, so no transition is lost or
     * printed twice.
     */
    private StreamOutcome stream(JobsClient client, URI location, TransitionLog log, Instant deadline)
            throws IOException, InterruptedException {
        Instant unknownUntil = Instant.now().plus(UNKNOWN_JOB_GRACE);
        Optional<String> lastEventId = Optional.empty();
        Duration reconnect = DEFAULT_RECONNECT;
        int failedConnects = 0;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<InputStream> response;
            try {
                response = client.events(location, lastEventId);
            } catch (IOException e) {
                if (++failedConnects >= FAILED_CONNECTS_BEFORE_POLLING) {
                    return new StreamOutcome(null, true, e.toString());
                }
                Thread.sleep(reconnect.toMillis());
                continue;
            }
            failedConnects = 0;
            int status = response.statusCode();
            if (status != 200) {
                String problem = drain(response.body());
                boolean jobUnknown = status == 404 && problemType(problem).equals(ProblemType.JOB_NOT_FOUND.uri());
                if (jobUnknown && Instant.now().isBefore(unknownUntil)) {
                    Thread.sleep(UNKNOWN_JOB_RETRY.toMillis());
                    continue;
                }
                if (jobUnknown || status == 400 || status == 401 || status == 403) {
                    // polling would be refused the same way
                    throw new JobsClient.ApiException(status, problem);
                }
                // no such endpoint (an older results-service), too many streams, or a server error
                return new StreamOutcome(null, true, "HTTP " + status);
            }
            ServerSentEventReader events = new ServerSentEventReader(response.body(), deadline);
            ObjectNode job = null;
            try (events) {
                for (ServerSentEventReader.Event event = events.next(); event != null; event = events.next()) {
                    if (event.name().equals("transition")) {
                        JsonNode transition = JSON.readTree(event.data());
                        log.show(transition.path("status").asText(), Instant.parse(transition.path("at").asText()));
                    } else if (event.name().equals("job")) {
                        job = (ObjectNode) JSON.readTree(event.data());
                        if (!explanationPending(job)) {
                            return new StreamOutcome(job, false, "final");
                        }
                        log.flush();
                        out.println("  (the verdict is in; computing the reasons…)");
                        events.readUntilNoLaterThan(Instant.now().plus(EXPLANATION_WAIT));
                    } else if (event.name().equals("explanation") && job != null) {
                        explain(job, JSON.readTree(event.data()));
                        return new StreamOutcome(job, false, "final");
                    }
                }
            } catch (IOException dropped) {
                // the connection broke mid-stream: resume after the last whole event, as EventSource does
            }
            if (job != null) {
                return new StreamOutcome(job, false, "final, the reasons still to come");
            }
            lastEventId = Optional.of(events.lastEventId()).filter(id -> !id.isEmpty());
            if (events.retryMillis().isPresent()) {
                reconnect = Duration.ofMillis(events.retryMillis().getAsLong());
            }
            if (events.expired()) {
                break;
            }
            Thread.sleep(reconnect.toMillis());
        }
        return new StreamOutcome(null, false, "timed out");
    }

    private static boolean explanationPending(JsonNode job) {
        return job.path("verdict").path("explanationPending").asBoolean(false);
    }

    /**
     * Puts the stream's {@code explanation} event into the job's verdict, as {@code GET} shows it once
     * stored: the explanation, or why it could not be computed.
     */
    private static void explain(ObjectNode job, JsonNode explanation) {
        ObjectNode verdict = (ObjectNode) job.path("verdict");
        verdict.set("explanation", explanation.path("explanation"));
        verdict.set("explanationBaseline", explanation.path("explanationBaseline"));
        if (explanation.has("explanationUnavailable")) {
            verdict.set("explanationUnavailable", explanation.get("explanationUnavailable"));
        }
        verdict.put("explanationPending", false);
    }

    /**
     * Polls until a final status (and, for a DONE job, its explanation, for at most
     * {@link #EXPLANATION_WAIT}), printing each transition once; null when the deadline passes first.
     */
    private static JsonNode poll(JobsClient client, URI location, TransitionLog log, Instant deadline)
            throws IOException, InterruptedException {
        Instant unknownUntil = Instant.now().plus(UNKNOWN_JOB_GRACE);
        Instant explainedBy = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode job;
            try {
                job = client.job(location);
            } catch (JobsClient.ApiException e) {
                if (e.status() != 404 || Instant.now().isAfter(unknownUntil)) {
                    throw e;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
                continue;
            }
            for (JsonNode transition : job.path("transitions")) {
                log.show(transition.path("status").asText(), Instant.parse(transition.path("at").asText()));
            }
            String status = job.path("status").asText();
            if (status.equals("DONE") && explanationPending(job)) {
                explainedBy = explainedBy == null ? Instant.now().plus(EXPLANATION_WAIT) : explainedBy;
                if (Instant.now().isAfter(explainedBy)) {
                    return job;
                }
            } else if (status.equals("DONE") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return null;
    }

    private static String drain(InputStream body) throws IOException {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String problemType(String problem) {
        try {
            return JSON.readTree(problem).path("type").asText("");
        } catch (IOException notJson) {
            return "";
        }
    }

    /**
     * Prints each state the job reached once, with its time since the job was queued. results-service
     * may record AUDIO_READY or FEATURES_READY before QUEUED (they travel on different topics), and
     * the stream numbers states in recording order: what arrives before QUEUED is held back and
     * printed after it, so the lines read in time order.
     */
    static final class TransitionLog {
        private static final String FIRST = "QUEUED";

        private final Instant queuedAt;
        private final PrintStream out;
        private final Set<String> shown = new HashSet<>();
        private final List<Reached> heldBack = new ArrayList<>();
        private boolean started;

        private record Reached(String status, Instant at) {
        }

        TransitionLog(Instant queuedAt, PrintStream out) {
            this.queuedAt = queuedAt;
            this.out = out;
        }

        void show(String status, Instant at) {
            if (!shown.add(status)) {
                return;
            }
            if (status.equals(FIRST)) {
                started = true;
                print(new Reached(status, at));
                flush();
            } else if (started) {
                print(new Reached(status, at));
            } else {
                heldBack.add(new Reached(status, at));
            }
        }

        /** Prints what is still held back (a job whose QUEUED never came), in time order. */
        void flush() {
            heldBack.sort(Comparator.comparing(Reached::at));
            heldBack.forEach(this::print);
            heldBack.clear();
        }

        private void print(Reached reached) {
            out.printf(Locale.ROOT, "  +%6.1f s  %s%n", Duration.between(queuedAt, reached.at()).toMillis() / 1000.0, reached.status());
        }
    }
}

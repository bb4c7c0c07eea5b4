package io.hitorflop.launcher.analyze;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The client half of {@code ./hitorflop analyze}: submits a song (a file, an http(s) link, or a
 * spotify feature vector) through the one origin, prints each status change as it happens and
 * then the verdict. {@link #analyze} answers 0 when the job is DONE, 1 when it FAILED or timed
 * out, 2 on an API error.
 */
public final class JobFollower {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration UNKNOWN_JOB_GRACE = Duration.ofSeconds(30);

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
    private final Duration timeout;
    private final PrintStream out;
    private final PrintStream err;

    public JobFollower(URI base, Duration timeout, PrintStream out, PrintStream err) {
        this.base = base;
        this.timeout = timeout;
        this.out = out;
        this.err = err;
    }

    public int analyze(Submission submission) {
        JobsClient client = new JobsClient(base);
        try {
            JobsClient.Submitted submitted = submission.submitTo(client);
            out.printf(Locale.ROOT, "submitted %s as job %s (%s)%n", submission.shownAs(),
                    submitted.job().path("id").asText(), base.resolve(submitted.location()));
            JsonNode job = follow(client, submitted.location(), timeout, out);
            if (job == null) {
                err.printf(Locale.ROOT, "analyze: no final status after %d s%n", timeout.toSeconds());
                return 1;
            }
            out.println();
            if (job.path("status").asText().equals("DONE")) {
                out.print(VerdictReport.of(job));
                return 0;
            }
            out.print(VerdictReport.failureOf(job));
            return 1;
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

    /** Polls until a final status, printing each transition once; null when the timeout passes first. */
    private static JsonNode follow(JobsClient client, URI location, Duration timeout, PrintStream out)
            throws IOException, InterruptedException {
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        Set<String> shown = new HashSet<>();
        while (Instant.now().isBefore(deadline)) {
            JsonNode job;
            try {
                job = client.job(location);
            } catch (JobsClient.ApiException e) {
                // results-service learns of a job from Kafka, a moment after ingest's 202.
                if (e.status() != 404 || Instant.now().isAfter(started.plus(UNKNOWN_JOB_GRACE))) {
                    throw e;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
                continue;
            }
            String status = job.path("status").asText();
            boolean finished = status.equals("DONE") || status.equals("FAILED");
            JsonNode transitions = job.path("transitions");
            // results may learn AUDIO_READY before QUEUED (they travel on different topics): print
            // once the history starts where every job starts, so it reads in time order
            if (finished || transitions.path(0).path("status").asText().equals("QUEUED")) {
                Instant firstAt = Instant.parse(transitions.path(0).path("at").asText(Instant.now().toString()));
                for (JsonNode transition : transitions) {
                    String reached = transition.path("status").asText();
                    if (shown.add(reached)) {
                        Instant at = Instant.parse(transition.path("at").asText());
                        out.printf(Locale.ROOT, "  +%6.1f s  %s%n", Duration.between(firstAt, at).toMillis() / 1000.0, reached);
                    }
                }
            }
            if (finished) {
                return job;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return null;
    }
}

package io.hitorflop.localstack.cli;

import com.fasterxml.jackson.databind.JsonNode;

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
 * {@code ./hitorflop analyze}: submits a song (a file, an http(s) link, or a spotify feature
 * vector) through the one origin, prints each status change as it happens and then the verdict.
 * <pre>
 * AnalyzeCommand [--base http://127.0.0.1:8080] [--timeout-seconds 900] (&lt;audio file&gt; | &lt;http(s) link&gt; | --vector &lt;json file&gt;)
 * </pre>
 * Exit code 0 when the job is DONE, 1 when it FAILED or timed out, 2 on a usage or API error.
 */
public final class AnalyzeCommand {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration UNKNOWN_JOB_GRACE = Duration.ofSeconds(30);

    private AnalyzeCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        URI base = URI.create("http://127.0.0.1:8080");
        Duration timeout = Duration.ofMinutes(15);
        Path audio = null;
        Path vector = null;
        String link = null;
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length;
            switch (args[i]) {
                case "--base" -> base = hasValue ? URI.create(args[++i]) : null;
                case "--timeout-seconds" -> timeout = hasValue ? Duration.ofSeconds(Long.parseLong(args[++i])) : null;
                case "--vector" -> vector = hasValue ? Path.of(args[++i]) : null;
                default -> {
                    if (args[i].startsWith("http://") || args[i].startsWith("https://")) {
                        link = args[i];
                    } else {
                        audio = Path.of(args[i]);
                    }
                }
            }
        }
        int inputs = (audio == null ? 0 : 1) + (vector == null ? 0 : 1) + (link == null ? 0 : 1);
        if (base == null || timeout == null || inputs != 1) {
            err.println("usage: analyze [--base URL] [--timeout-seconds N] (<audio file> | <http(s) link> | --vector <json file>)");
            return 2;
        }
        Path input = audio != null ? audio : vector;
        if (input != null && !Files.isRegularFile(input)) {
            err.println("analyze: no such file: " + input);
            return 2;
        }
        JobsClient client = new JobsClient(base);
        try {
            JobsClient.Submitted submitted = audio != null ? client.submitAudio(audio)
                    : vector != null ? client.submitFeatures(Files.readString(vector))
                    : client.submitLink(link);
            out.printf(Locale.ROOT, "submitted %s as job %s (%s)%n", input != null ? input.getFileName() : link,
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
        } catch (java.io.IOException e) {
            err.println("analyze: " + base + " is not reachable: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /** Polls until a final status, printing each transition once; null when the timeout passes first. */
    private static JsonNode follow(JobsClient client, URI location, Duration timeout, PrintStream out)
            throws java.io.IOException, InterruptedException {
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

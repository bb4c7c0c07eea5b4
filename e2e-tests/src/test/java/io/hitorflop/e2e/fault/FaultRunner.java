package io.hitorflop.e2e.fault;

import io.hitorflop.contract.Topics;
import io.hitorflop.e2e.harness.PipelineClient.Submission;
import io.hitorflop.e2e.harness.PipelineClient;
import io.hitorflop.e2e.harness.PipelineDatabase.JobRecord;
import io.hitorflop.e2e.harness.PipelineDatabase;
import io.hitorflop.e2e.harness.StackProcesses;
import io.hitorflop.e2e.harness.TopicRecordCounter;
import io.hitorflop.e2e.harness.WebhookReceiver;
import org.awaitility.core.ConditionTimeoutException;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Runs one fault scenario: submits audio and feature-vector jobs through the API, injects the
 * fault once half of the submissions have been answered (so jobs are in every stage), waits for
 * every accepted job to end, and checks in PostgreSQL, on the verdicts topic and at a webhook
 * receiver that each ended exactly once.
 */
public final class FaultRunner {

    private static final List<String> AUDIO_PATH = List.of("QUEUED", "AUDIO_READY", "FEATURES_READY", "DONE");
    private static final List<String> VECTOR_PATH = List.of("QUEUED", "FEATURES_READY", "DONE");
    private static final Duration WEBHOOK_GRACE = Duration.ofSeconds(90);
    private static final Duration HISTORY_GRACE = Duration.ofSeconds(90);
    private static final String MISSING = "missing a transition: ";

    private final StackProcesses processes;
    private final PipelineClient client;
    private final WebhookReceiver receiver;
    private final byte[] song;
    private final Duration drainTimeout;

    /** {@code receiver} null: jobs are submitted without a webhook. */
    public FaultRunner(StackProcesses processes, WebhookReceiver receiver, byte[] song, Duration drainTimeout) throws Exception {
        this.processes = processes;
        this.client = new PipelineClient(processes.routerUri());
        this.receiver = receiver;
        this.song = song;
        this.drainTimeout = drainTimeout;
    }

    public ScenarioResult run(String scenario, Fault fault, int audioJobs, int vectorJobs) throws Exception {
        URI webhook = receiver == null ? null : receiver.url();
        List<Callable<Submission>> submissions = new ArrayList<>();
        Map<Integer, Boolean> isAudio = new HashMap<>();
        for (int i = 0; i < audioJobs + vectorJobs; i++) {
            // Audio spread evenly among the vectors, so the fault meets both kinds in flight.
            boolean audio = audioJobs > 0 && i % Math.max(1, (audioJobs + vectorJobs) / audioJobs) == 0
                    && isAudio.values().stream().filter(a -> a).count() < audioJobs;
            isAudio.put(i, audio);
            int n = i;
            submissions.add(audio
                    ? () -> client.submitAudio(song, "fault-song-" + n + ".flac", "audio/flac", webhook)
                    : () -> client.submitVector(0.3 + (n % 60) / 100.0, webhook));
        }
        Instant scenarioStart = Instant.now();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        AtomicInteger answered = new AtomicInteger();
        List<Future<Submission>> futures = new ArrayList<>();
        for (Callable<Submission> submission : submissions) {
            futures.add(senders.submit(() -> {
                try {
                    return submission.call();
                } finally {
                    answered.incrementAndGet();
                }
            }));
        }
        await().atMost(drainTimeout).pollInterval(Duration.ofMillis(50)).until(() -> answered.get() >= submissions.size() / 2);
        Instant faultAt = Instant.now();
        fault.injection().inject(processes);
        double recoverySeconds = Duration.between(faultAt, Instant.now()).toMillis() / 1000.0;

        Map<UUID, Boolean> accepted = new LinkedHashMap<>();
        int refused = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                Submission answer = futures.get(i).get(5, TimeUnit.MINUTES);
                if (answer.jobId().isPresent()) {
                    accepted.put(answer.jobId().get(), isAudio.get(i));
                } else {
                    refused++;
                    refusals.merge(answer.status() + " " + problemTypeOf(answer), 1, Integer::sum);
                }
            } catch (ExecutionException noAnswer) {
                refused++;
                refusals.merge("no answer", 1, Integer::sum);
            }
        }
        senders.shutdownNow();
        Instant submissionsEnd = Instant.now();

        PipelineDatabase database = new PipelineDatabase(processes.database());
        Instant drainStart = Instant.now();
        awaitAllFinal(database, accepted.keySet());
        double drainSeconds = Duration.between(drainStart, Instant.now()).toMillis() / 1000.0;
        Map<UUID, JobRecord> jobs = awaitHistories(database, accepted);
        if (receiver != null) {
            awaitWebhooks(jobs);
        }
        Set<String> keys = new HashSet<>();
        accepted.keySet().forEach(id -> keys.add(id.toString()));
        Map<String, Integer> verdictRecords = TopicRecordCounter.recordsPerKey(
                processes.kafkaBootstrapServers(), Topics.VERDICTS, keys);

        int done = 0;
        int failed = 0;
        int lost = 0;
        int duplicated = 0;
        int incomplete = 0;
        int webhooksExpected = 0;
        int webhooksReceived = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (var entry : accepted.entrySet()) {
            UUID id = entry.getKey();
            JobRecord job = jobs.get(id);
            if (job == null || !(job.status().equals("DONE") || job.status().equals("FAILED"))) {
                lost++;
                problems.add("lost " + id + ": " + (job == null ? "not in the database" : job.status() + " " + job.transitions()));
                continue;
            }
            String duplicate = duplicateOf(job, entry.getValue() ? AUDIO_PATH : VECTOR_PATH);
            if (duplicate != null && duplicate.startsWith(MISSING)) {
                incomplete++;
                problems.add("incomplete " + id + ": " + duplicate);
                duplicate = null;
            }
            if (job.status().equals("DONE")) {
                done++;
            } else {
                failed++;
                reasons.merge(job.failureType() + ": " + job.failureDetail(), 1, Integer::sum);
            }
            if (receiver != null) {
                webhooksExpected++;
                int ids = receiver.webhookIds(id.toString()).size();
                webhooksReceived += Math.min(ids, 1);
                if (ids > 1) {
                    duplicate = "webhook ids " + receiver.webhookIds(id.toString());
                }
            }
            if (duplicate != null) {
                duplicated++;
                problems.add("duplicated " + id + ": " + duplicate);
            }
        }
        Map<UUID, String> recorded = database.createdBetween(scenarioStart, submissionsEnd);
        recorded.keySet().removeAll(accepted.keySet());
        int refusedButRecorded = recorded.size();
        int refusedButRecordedNotFinal = (int) recorded.values().stream()
                .filter(status -> !status.equals("DONE") && !status.equals("FAILED")).count();
        int absorbed = verdictRecords.values().stream().mapToInt(count -> Math.max(0, count - 1)).sum();
        return new ScenarioResult(scenario, fault.name(), accepted.size(), refused, done, failed, lost, duplicated, incomplete,
                refusedButRecorded, refusedButRecordedNotFinal, absorbed,
                webhooksExpected, webhooksReceived, receiver == null ? 0 : receiver.redeliveries(),
                recoverySeconds, drainSeconds, reasons, refusals, problems);
    }

    private static String problemTypeOf(Submission refusal) {
        try {
            return refusal.json().path("type").asText("not a problem");
        } catch (RuntimeException notJson) {
            return "not a problem";
        }
    }

    /** Why the job's rows are not one pass along its path (null when they are). */
    private static String duplicateOf(JobRecord job, List<String> path) {
        if (job.repeatedTransitionOrNull() != null) {
            return job.repeatedTransitionOrNull();
        }
        if (job.status().equals("DONE") && !(job.transitions().size() == path.size()
                && new HashSet<>(job.transitions()).equals(new HashSet<>(path)) && job.hasVerdict())) {
            boolean missing = path.containsAll(job.transitions()) && job.hasVerdict();
            return (missing ? MISSING : "") + "DONE with transitions " + job.transitions()
                    + (job.hasVerdict() ? "" : " and no verdict");
        }
        if (job.status().equals("FAILED") && (job.transitions().contains("DONE") || job.hasVerdict())) {
            return "FAILED after DONE or with a verdict: " + job.transitions();
        }
        return null;
    }

    /** Waits until every job is final or the drain time-out passes; what is still open is reported by the caller. */
    private void awaitAllFinal(PipelineDatabase database, Set<UUID> ids) {
        whileNotTimedOut(() -> await().atMost(drainTimeout).pollInterval(Duration.ofSeconds(1))
                .ignoreException(SQLException.class) // PostgreSQL coming back
                .until(() -> database.finalCount(ids) == ids.size()));
    }

    /**
     * The jobs once every history is complete, or as they are after {@link #HISTORY_GRACE}: a
     * consumer that rejoins late after a broker restart applies an earlier stage's event after
     * the job is already DONE, which the results service records then.
     */
    private static Map<UUID, JobRecord> awaitHistories(PipelineDatabase database, Map<UUID, Boolean> accepted)
            throws SQLException, InterruptedException {
        Map<UUID, JobRecord> jobs = database.jobs(accepted.keySet());
        whileNotTimedOut(() -> await().atMost(HISTORY_GRACE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            jobs.putAll(database.jobs(accepted.keySet()));
            return accepted.entrySet().stream().noneMatch(entry -> jobs.get(entry.getKey()) == null
                    || duplicateOf(jobs.get(entry.getKey()), entry.getValue() ? AUDIO_PATH : VECTOR_PATH) != null);
        }));
        return jobs;
    }

    private void awaitWebhooks(Map<UUID, JobRecord> jobs) {
        whileNotTimedOut(() -> await().atMost(WEBHOOK_GRACE).pollInterval(Duration.ofMillis(500))
                .until(() -> jobs.keySet().stream().allMatch(id -> !receiver.webhookIds(id.toString()).isEmpty())));
    }

    /** Runs a wait whose time-out is an outcome the scenario reports, not a failure of the harness. */
    private static void whileNotTimedOut(Runnable wait) {
        try {
            wait.run();
        } catch (ConditionTimeoutException reportedByTheCaller) {
            // the checks after the wait describe what did not happen
        }
    }
}

package io.hitorflop.e2e.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hitorflop.e2e.harness.HarnessOptions;
import io.hitorflop.e2e.harness.LoadAverage;
import io.hitorflop.e2e.harness.MemorySnapshot;
import io.hitorflop.e2e.harness.PipelineClient;
import io.hitorflop.e2e.harness.PipelineClient.Submission;
import io.hitorflop.e2e.harness.PipelineDatabase;
import io.hitorflop.e2e.harness.PipelineDatabase.JobRecord;
import io.hitorflop.e2e.harness.StackProcesses;
import io.hitorflop.e2e.harness.SynthesizedSong;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Issue 6 items 4 and 5 against a stack that {@code ./hitorflop up} started (scripts/load-test.sh
 * does both): idle memory of each service after a full GC, then feature-vector and three-minute
 * audio jobs submitted all at once, the peak resident set of every component sampled each second,
 * submit-to-verdict latency read from PostgreSQL (DONE transition time minus the moment the
 * request was sent), and the memory again after the load and a full GC. With {@code --rounds N}
 * the same load runs N times on the same stack, with the memory after each round. Writes
 * load-results.json and load-results.md to the output directory.
 *
 * The verdict's explanation follows the verdict: after the jobs are final, the explanations are
 * waited for up to {@code --explain-wait-seconds} and submit-to-explained latency is reported
 * (the moment results-service stored it minus the moment the request was sent) for those that came.
 *
 * <p>Arguments: {@code --home DIR --out DIR [--vectors 500] [--audio 50] [--audio-seconds 180]
 * [--senders 16] [--rounds 1] [--drain-minutes 30] [--settle-seconds 30] [--explain-wait-seconds 120]}.
 */
public final class LoadTest {

    private static final long TIMELINE_WINDOW_SECONDS = 10;

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = HarnessOptions.of(args);
        StackProcesses processes = StackProcesses.ofRunningStack(Path.of(options.get("--home")));
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        int vectors = Integer.parseInt(options.getOrDefault("--vectors", "500"));
        int audio = Integer.parseInt(options.getOrDefault("--audio", "50"));
        int audioSeconds = Integer.parseInt(options.getOrDefault("--audio-seconds", "180"));
        int senders = Integer.parseInt(options.getOrDefault("--senders", "16"));
        // 0: every sender submits as fast as it can (a burst); above: submissions start at this many
        // per second (a constant arrival rate, so latency shows whether the pipeline keeps up with it)
        double rate = Double.parseDouble(options.getOrDefault("--rate", "0"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "1"));
        Duration drain = Duration.ofMinutes(Long.parseLong(options.getOrDefault("--drain-minutes", "30")));
        Duration explainWait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--explain-wait-seconds", "120")));
        long settleSeconds = Long.parseLong(options.getOrDefault("--settle-seconds", "30"));

        List<LoadSong> songs = new ArrayList<>();
        for (String format : List.of("flac", "wav", "mp3", "ogg")) {
            Path file = SynthesizedSong.generate(out.resolve("load-song." + format), audioSeconds);
            songs.add(new LoadSong(Files.readAllBytes(file), format));
        }
        PipelineClient client = new PipelineClient(processes.routerUri());
        PipelineDatabase database = new PipelineDatabase(processes.database());

        // Warm-up: one job of each kind, so idle means "started and served", not "never used".
        List<UUID> warmUp = List.of(client.submitVector(0.5, null).jobId().orElseThrow(),
                songs.get(0).submit(client, "warm-up").jobId().orElseThrow());
        client.awaitFinal(warmUp, Duration.ofMinutes(10));
        Thread.sleep(settleSeconds * 1000); // a quiet period before measuring, not a wait for an event
        Map<String, MemorySnapshot> idle = MemorySnapshot.ofServices(processes);

        // Each round is the same load on the same stack; memory after each one shows whether what
        // a round leaves behind keeps growing (a leak) or stays level.
        List<Map<String, Object>> roundResults = new ArrayList<>();
        List<Map<String, MemorySnapshot>> afterRounds = new ArrayList<>();
        PeakMemorySampler firstSampler = null;
        boolean allDone = true;
        for (int round = 0; round < rounds; round++) {
            PeakMemorySampler sampler = new PeakMemorySampler(processes, processes.components());
            Map<String, Object> result = runRound(client, database, sampler, new CpuTimeline(processes, TIMELINE_WINDOW_SECONDS), songs, vectors, audio, senders, rate, drain,
                    explainWait);
            Thread.sleep(settleSeconds * 1000); // a quiet period before measuring, not a wait for an event
            afterRounds.add(MemorySnapshot.ofServices(processes));
            roundResults.add(result);
            firstSampler = firstSampler == null ? sampler : firstSampler;
            allDone &= (int) result.get("done") == (int) result.get("submitted") && (int) result.get("refused") == 0;
        }

        Map<String, Object> result = new LinkedHashMap<>(roundResults.get(0));
        result.put("memoryIdle", idle);
        result.put("memoryAfterLoad", afterRounds.get(0));
        result.put("memoryAfterEachRound", afterRounds);
        result.put("rounds", roundResults);
        // with ./hitorflop up --replicas, the replicas (feature-2 ...) are measured each on its own
        result.put("components", processes.components());
        result.put("options", Map.of("vectors", vectors, "audio", audio, "audioSeconds", audioSeconds, "senders", senders,
                "rate", rate, "rounds", rounds));
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("load-results.json").toFile(), result);
        Files.writeString(out.resolve("load-results.md"), markdown(roundResults, idle, afterRounds, firstSampler));
        System.out.println(Files.readString(out.resolve("load-results.md")));
        System.exit(allDone ? 0 : 1);
    }

    /** The load's song in one container format; the audio jobs take the formats in turn. */
    private record LoadSong(byte[] bytes, String format) {

        static final Map<String, String> FORMATS =
                Map.of("flac", "audio/flac", "wav", "audio/wav", "mp3", "audio/mpeg", "ogg", "audio/ogg");

        Submission submit(PipelineClient client, String name) throws Exception {
            return client.submitAudio(bytes, name + "." + format, FORMATS.get(format));
        }
    }

    /** One burst of jobs submitted at once, drained to final states; its figures as a JSON-ready map. */
    private static Map<String, Object> runRound(PipelineClient client, PipelineDatabase database, PeakMemorySampler sampler,
                                                CpuTimeline cpu,
                                                List<LoadSong> songs, int vectors, int audio, int senders, double rate,
                                                Duration drain,
                                                Duration explainWait)
            throws Exception {
        sampler.start();
        cpu.start();
        List<Double> loadSamples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(senders);
        Map<UUID, Instant> sentAt = new ConcurrentHashMap<>();
        Map<UUID, Boolean> isAudio = new ConcurrentHashMap<>();
        List<Future<Submission>> futures = new ArrayList<>();
        Instant start = Instant.now();
        int audioJobs = 0;
        for (int i = 0; i < vectors + audio; i++) {
            // every (vectors + audio) / audio-th submission is audio, so both kinds arrive together
            boolean audioJob = audio > 0 && i % ((vectors + audio) / audio) == 0 && audioJobs < audio;
            LoadSong song = songs.get(audioJobs % songs.size());
            audioJobs += audioJob ? 1 : 0;
            int n = i;
            long dueNanos = rate > 0 ? Math.round(i * 1e9 / rate) : 0;
            futures.add(pool.schedule(() -> {
                // the formats take turns, so every format is decoded under the same load
                Submission answer = audioJob ? song.submit(client, "load-" + n)
                        : client.submitVector(0.2 + (n % 70) / 100.0, null);
                answer.jobId().ifPresent(id -> {
                    sentAt.put(id, answer.sentAt());
                    isAudio.put(id, audioJob);
                });
                return answer;
            }, dueNanos, TimeUnit.NANOSECONDS));
        }
        int refused = 0;
        for (Future<Submission> future : futures) {
            if (future.get(30, TimeUnit.MINUTES).jobId().isEmpty()) {
                refused++;
            }
        }
        pool.shutdown();
        Instant allSubmitted = Instant.now();
        // the load average is sampled once a second while the jobs drain
        try {
            Duration left = Duration.between(Instant.now(), start.plus(drain));
            await().atMost(left.isNegative() ? Duration.ofMillis(1) : left).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        loadSamples.add(LoadAverage.oneMinute());
                        return finalCount(database, sentAt.keySet()) == sentAt.size();
                    });
        } catch (ConditionTimeoutException notAllFinal) {
            // the round's "not final" column reports it
        }
        Instant allFinal = Instant.now();
        sampler.stop();
        Map<Long, Map<String, Double>> coresByWindow = cpu.stop();
        Map<UUID, JobRecord> jobs = database.jobs(sentAt.keySet());

        Latencies vectorLatency = new Latencies();
        Latencies audioLatency = new Latencies();
        // Where the time goes: each stage from the previous transition (QUEUED from the request).
        Map<String, Latencies> stages = new LinkedHashMap<>();
        // When in the run the slow jobs were submitted: submit-to-DONE by window of submission time.
        Map<Long, Latencies> bySubmitWindow = new java.util.TreeMap<>();
        int done = 0;
        int failed = 0;
        for (var entry : sentAt.entrySet()) {
            JobRecord job = jobs.get(entry.getKey());
            if (job == null || !job.status().equals("DONE")) {
                failed += job != null && job.status().equals("FAILED") ? 1 : 0;
                continue;
            }
            done++;
            double seconds = Duration.between(entry.getValue(), job.transitionTimes().get("DONE")).toMillis() / 1000.0;
            boolean audioJob = isAudio.get(entry.getKey());
            (audioJob ? audioLatency : vectorLatency).add(seconds);
            long window = Duration.between(start, entry.getValue()).toSeconds() / TIMELINE_WINDOW_SECONDS * TIMELINE_WINDOW_SECONDS;
            bySubmitWindow.computeIfAbsent(window, k -> new Latencies()).add(seconds);
            Instant previous = entry.getValue();
            for (String status : audioJob ? List.of("QUEUED", "AUDIO_READY", "FEATURES_READY", "DONE")
                    : List.of("QUEUED", "FEATURES_READY", "DONE")) {
                Instant at = job.transitionTimes().get(status);
                stages.computeIfAbsent((audioJob ? "audio " : "vector ") + status, k -> new Latencies())
                        .add(Duration.between(previous, at).toMillis() / 1000.0);
                previous = at;
            }
        }

        // The explanations follow the verdicts, one at a time: wait for them a bounded time.
        Map<UUID, Instant> explainedAt = new HashMap<>();
        int doneJobs = done;
        explainedAt.putAll(database.explainedAt(sentAt.keySet()));
        if (!explainWait.isZero() && explainedAt.size() < doneJobs) {
            try {
                await().atMost(explainWait).pollInterval(Duration.ofSeconds(2))
                        .until(() -> {
                            explainedAt.putAll(database.explainedAt(sentAt.keySet()));
                            return explainedAt.size() >= doneJobs;
                        });
            } catch (ConditionTimeoutException notAllExplained) {
                // reported as explained n of done
            }
        }
        Latencies explainedLatency = new Latencies();
        explainedAt.forEach((id, at) -> explainedLatency.add(Duration.between(sentAt.get(id), at).toMillis() / 1000.0));

        double wallSeconds = Duration.between(start, allFinal).toMillis() / 1000.0;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("submitted", sentAt.size());
        result.put("refused", refused);
        result.put("done", done);
        result.put("failed", failed);
        result.put("notFinal", sentAt.size() - done - failed);
        result.put("submitSeconds", Duration.between(start, allSubmitted).toMillis() / 1000.0);
        result.put("wallSeconds", wallSeconds);
        result.put("throughputJobsPerSecond", done / wallSeconds);
        result.put("vectorLatencySeconds", vectorLatency.summary());
        result.put("audioLatencySeconds", audioLatency.summary());
        result.put("allLatencySeconds", Latencies.merged(vectorLatency, audioLatency).summary());
        result.put("explained", explainedAt.size());
        result.put("explainedLatencySeconds", explainedLatency.summary());
        Map<String, Map<String, Double>> stageSummaries = new LinkedHashMap<>();
        stages.forEach((stage, latencies) -> stageSummaries.put(stage, latencies.summary()));
        result.put("stageSeconds", stageSummaries);
        Map<String, Map<String, Double>> timeline = new LinkedHashMap<>();
        bySubmitWindow.forEach((window, latencies) -> timeline.put(Long.toString(window), latencies.summary()));
        result.put("latencyBySubmitSecond", timeline);
        Map<String, Map<String, Double>> cores = new LinkedHashMap<>();
        coresByWindow.forEach((window, byComponent) -> cores.put(Long.toString(window), byComponent));
        result.put("coresBySecond", cores);
        result.put("peakRssKb", sampler.peaks());
        result.put("vmHwmKb", sampler.highWaterMarks());
        result.put("loadAverageMax", loadSamples.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        result.put("loadAverageMean", loadSamples.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        return result;
    }

    private static int finalCount(PipelineDatabase database, java.util.Set<UUID> ids) {
        try {
            return database.finalCount(ids);
        } catch (SQLException e) {
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static String markdown(List<Map<String, Object>> rounds, Map<String, MemorySnapshot> idle,
                                   List<Map<String, MemorySnapshot>> afterRounds, PeakMemorySampler sampler) {
        StringBuilder md = new StringBuilder();
        md.append("| round | submitted | refused | done | failed | not final | wall s | throughput jobs/s | load avg mean / max |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < rounds.size(); i++) {
            Map<String, Object> r = rounds.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %.1f | %.2f | %.1f / %.1f |%n", i + 1,
                    (Integer) r.get("submitted"), (Integer) r.get("refused"), (Integer) r.get("done"), (Integer) r.get("failed"),
                    (Integer) r.get("notFinal"), (Double) r.get("wallSeconds"), (Double) r.get("throughputJobsPerSecond"),
                    (Double) r.get("loadAverageMean"), (Double) r.get("loadAverageMax")));
        }
        Map<String, Object> first = rounds.get(0);
        md.append("\nRound 1:\n\n| submit-to-verdict latency (s) | n | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
        for (String kind : List.of("vector", "audio", "all")) {
            Map<String, Double> s = (Map<String, Double>) first.get(kind + "LatencySeconds");
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %.1f |%n", kind,
                    s.get("n"), s.get("p50"), s.get("p95"), s.get("p99"), s.get("max")));
        }
        Map<String, Double> explained = (Map<String, Double>) first.get("explainedLatencySeconds");
        md.append(String.format(Locale.ROOT, "\nExplained within the wait: %d of %d done jobs; submit-to-explained (s): "
                        + "p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n", (Integer) first.get("explained"), (Integer) first.get("done"),
                explained.getOrDefault("p50", Double.NaN), explained.getOrDefault("p95", Double.NaN),
                explained.getOrDefault("p99", Double.NaN), explained.getOrDefault("max", Double.NaN)));
        md.append("\n| stage (time since the previous transition, s) | p50 | p95 | p99 |\n|---|---:|---:|---:|\n");
        ((Map<String, Map<String, Double>>) first.get("stageSeconds")).forEach((stage, s) -> md.append(String.format(Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f |%n", stage, s.get("p50"), s.get("p95"), s.get("p99"))));
        md.append(String.format(Locale.ROOT, "%n| submitted at (s from start, %d-s windows) | n | p50 | p99 | max |%n"
                + "|---:|---:|---:|---:|---:|%n", TIMELINE_WINDOW_SECONDS));
        ((Map<String, Map<String, Double>>) first.get("latencyBySubmitSecond")).forEach((window, s) -> md.append(
                String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f |%n", window, s.get("n"), s.get("p50"),
                        s.get("p99"), s.get("max"))));
        Map<String, Map<String, Double>> cores = (Map<String, Map<String, Double>>) first.get("coresBySecond");
        if (!cores.isEmpty()) {
            List<String> components = List.copyOf(cores.values().iterator().next().keySet());
            md.append(String.format(Locale.ROOT, "%nCores used (CPU seconds per second) by %d-s window from the start:%n%n"
                    + "| s | %s | all |%n|---:|%s---:|%n", TIMELINE_WINDOW_SECONDS, String.join(" | ", components),
                    "---:|".repeat(components.size())));
            cores.forEach((window, byComponent) -> md.append(String.format(Locale.ROOT, "| %s | %s | %.2f |%n", window,
                    String.join(" | ", components.stream().map(c -> String.format(Locale.ROOT, "%.2f",
                            byComponent.getOrDefault(c, 0.0))).toList()),
                    byComponent.values().stream().mapToDouble(Double::doubleValue).sum())));
        }
        md.append("\n| component | peak RSS during load (MiB) | VmHWM at end (MiB) |\n|---|---:|---:|\n");
        sampler.peaks().forEach((component, kb) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n",
                component, kb / 1024.0, sampler.highWaterMarks().getOrDefault(component, 0L) / 1024.0)));
        md.append("\nAfter a full GC, idle -> after round 1 -> ... (MiB):\n\n"
                + "| service | heap used | RSS | NMT committed |\n|---|---|---|---|\n");
        idle.forEach((service, before) -> {
            List<MemorySnapshot> series = new ArrayList<>(List.of(before));
            afterRounds.forEach(after -> series.add(after.get(service)));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", service,
                    join(series, snapshot -> String.format(Locale.ROOT, "%.1f", snapshot.heapUsedKb() / 1024.0)),
                    join(series, snapshot -> String.format(Locale.ROOT, "%.0f", snapshot.rssKb() / 1024.0)),
                    before.nmtCommittedKb() < 0 ? "NMT off"
                            : join(series, snapshot -> String.format(Locale.ROOT, "%.0f", snapshot.nmtCommittedKb() / 1024.0))));
        });
        if (!afterRounds.isEmpty() && idle.values().stream().allMatch(snapshot -> snapshot.nmtCommittedKb() >= 0)) {
            Map<String, MemorySnapshot> last = afterRounds.get(afterRounds.size() - 1);
            md.append("\nNMT committed by category, idle -> after the last round, where it moved by 2 MiB or more"
                    + " (MiB); JVM threads:\n\n| service | threads | categories |\n|---|---|---|\n");
            idle.forEach((service, before) -> {
                MemorySnapshot after = last.get(service);
                List<String> moved = new ArrayList<>();
                after.nmtCommittedKbByCategory().forEach((category, afterKb) -> {
                    long idleKb = before.nmtCommittedKbByCategory().getOrDefault(category, 0L);
                    if (Math.abs(afterKb - idleKb) >= 2048) {
                        moved.add(String.format(Locale.ROOT, "%s %.0f -> %.0f", category, idleKb / 1024.0, afterKb / 1024.0));
                    }
                });
                md.append(String.format(Locale.ROOT, "| %s | %d -> %d | %s |%n", service, before.threads(), after.threads(),
                        moved.isEmpty() ? "none" : String.join("; ", moved)));
            });
        }
        return md.toString();
    }

    private static String join(List<MemorySnapshot> series, java.util.function.Function<MemorySnapshot, String> figure) {
        return String.join(" -> ", series.stream().map(figure).toList());
    }
}

package io.hitorflop.e2e.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureSpec;
import io.hitorflop.e2e.harness.HarnessOptions;
import io.hitorflop.e2e.harness.LoadAverage;
import io.hitorflop.e2e.harness.MemorySnapshot;
import io.hitorflop.e2e.harness.PipelineDatabase;
import io.hitorflop.e2e.harness.PipelineDatabase.BatchRecord;
import io.hitorflop.e2e.harness.StackProcesses;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 16 item 4's catalogue line against a stack that {@code ./hitorflop up} started
 * (scripts/batch-load-test.sh does both): for each size, a CSV of that many {@code spotify} feature
 * vectors (each feature drawn uniformly across its contract range, with id, title and artist
 * columns) is scored by {@code ./hitorflop analyze catalogue.csv} itself, so the figure is what a
 * user gets, and its results file is checked exactly: one line per input row, every input id once,
 * every status final. Reported per size: the CLI's submit time and total time, the batch's time to
 * complete and rows/s (from results-service's own {@code created_at} / {@code completed_at}),
 * p50/p99 of row completion after the batch was accepted, each component's peak RSS and peak PSS
 * and CPU seconds (its process and children, from /proc), and the load average. Sizes run one
 * after the other on the same stack, so the peaks show whether memory grows with the batch size;
 * each service's and the router's memory after a full GC (heap in use, RSS, PSS, NMT's committed
 * memory by category) is taken before the first size and after each, which tells a heap or native growth that
 * stays (rows kept) from one the collector takes back. A size given twice ({@code --rows
 * 10000,100000,100000}) shows whether a second run of the same size grows over the first.
 *
 * <p>Arguments: {@code --home DIR --out DIR [--rows 10000,100000] [--timeout-minutes 30] [--jfr true]};
 * with {@code --jfr true} each service records a JFR profile of each size's run into the output directory
 * ({@code <service>-<run>-<rows>.jfr}). Each JVM's class histogram after each run
 * ({@code <service>-<run>-<rows>.histogram.txt}, jcmd GC.class_histogram) shows what a heap that stays
 * larger holds.
 */
public final class BatchLoadTest {

    private static final Pattern SUBMITTED = Pattern.compile("as batch ([0-9a-f-]{36})");
    private static final List<String> FINAL = List.of("DONE", "FAILED");

    private BatchLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = HarnessOptions.of(args);
        Path home = Path.of(options.get("--home"));
        StackProcesses processes = StackProcesses.ofRunningStack(home);
        Path out = Path.of(options.get("--out")).toAbsolutePath();
        Files.createDirectories(out);
        List<Integer> sizes = Arrays.stream(options.getOrDefault("--rows", "10000,100000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Duration timeout = Duration.ofMinutes(Long.parseLong(options.getOrDefault("--timeout-minutes", "30")));
        boolean jfr = Boolean.parseBoolean(options.getOrDefault("--jfr", "false"));
        PipelineDatabase database = new PipelineDatabase(processes.database());

        Map<String, MemorySnapshot> idle = MemorySnapshot.of(processes, jvms(processes));
        List<Map<String, Object>> runs = new ArrayList<>();
        boolean exact = true;
        for (int index = 0; index < sizes.size(); index++) {
            int rows = sizes.get(index);
            Map<String, Object> run = run(processes, database, out, rows, (index + 1) + "-" + rows, timeout, jfr);
            exact &= (boolean) run.get("exact");
            runs.add(run);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("memoryIdleAfterGc", idle);
        result.put("runs", runs);
        result.put("components", processes.components());
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("batch-load-results.json").toFile(), result);
        Files.writeString(out.resolve("batch-load-results.md"), markdown(idle, runs, processes.components()));
        System.out.println(Files.readString(out.resolve("batch-load-results.md")));
        System.exit(exact ? 0 : 1);
    }

    private static Map<String, Object> run(StackProcesses processes, PipelineDatabase database, Path out, int rows,
                                           String runName, Duration timeout, boolean jfr) throws Exception {
        Path catalogue = out.resolve("catalogue-" + runName + ".csv");
        Path resultsFile = out.resolve("catalogue-" + runName + ".results.csv");
        List<String> ids = writeCatalogue(catalogue, rows, runName.hashCode());
        Files.deleteIfExists(resultsFile);

        PeakMemorySampler sampler = new PeakMemorySampler(processes, processes.components());
        Map<String, Duration> cpuBefore = cpuTimes(processes);
        if (jfr) {
            for (String service : processes.serviceInstances()) {
                processes.jcmd(service, "JFR.start", "name=batch", "settings=profile");
            }
        }
        List<Double> loadSamples = Collections.synchronizedList(new ArrayList<>());
        Thread loadSampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                loadSamples.add(LoadAverage.oneMinute());
                try {
                    TimeUnit.SECONDS.sleep(5); // a sampling period, not a wait for an event
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "load-sampler");
        loadSampler.setDaemon(true);
        sampler.start();
        loadSampler.start();

        Instant start = Instant.now();
        Process cli = new ProcessBuilder("./hitorflop", "analyze", catalogue.toString(), "--output", resultsFile.toString(),
                "--timeout-seconds", Long.toString(timeout.toSeconds())).redirectErrorStream(true).start();
        UUID batchId = null;
        Instant submitted = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("[analyze " + rows + "] " + line);
                Matcher match = SUBMITTED.matcher(line);
                if (batchId == null && match.find()) {
                    batchId = UUID.fromString(match.group(1));
                    submitted = Instant.now();
                }
            }
        }
        int exitCode = cli.waitFor();
        Instant finished = Instant.now();
        sampler.stop();
        loadSampler.interrupt();
        Map<String, Duration> cpuAfter = cpuTimes(processes);
        if (jfr) {
            for (String service : processes.serviceInstances()) {
                processes.jcmd(service, "JFR.stop", "name=batch", "filename=" + out.resolve(service + "-" + runName + ".jfr"));
            }
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("rows", rows);
        run.put("batchId", batchId);
        run.put("cliExitCode", exitCode);
        run.put("cliSubmitSeconds", submitted == null ? null : seconds(start, submitted));
        run.put("cliTotalSeconds", seconds(start, finished));
        if (batchId != null) {
            BatchRecord batch = database.batch(batchId);
            if (batch.completedAt() != null) {
                double completeSeconds = seconds(batch.createdAt(), batch.completedAt());
                run.put("acceptedToCompleteSeconds", completeSeconds);
                run.put("rowsPerSecond", rows / completeSeconds);
            }
            Latencies rowCompletion = new Latencies();
            batch.rowsFinalAt().forEach(at -> rowCompletion.add(seconds(batch.createdAt(), at)));
            run.put("rowFinalSecondsAfterAccepted", rowCompletion.summary());
        }
        run.putAll(checkResults(resultsFile, ids));
        run.put("exact", exitCode == 0 && (boolean) run.get("resultsExact"));
        run.put("peakRssKb", sampler.peaks());
        run.put("peakPssKb", sampler.pssPeaks());
        run.put("vmHwmKb", sampler.highWaterMarks());
        run.put("memoryAfterGc", MemorySnapshot.of(processes, jvms(processes)));
        for (String jvm : jvms(processes)) {
            Files.writeString(out.resolve(jvm + "-" + runName + ".histogram.txt"), processes.jcmd(jvm, "GC.class_histogram"));
        }
        Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        cpuAfter.forEach((component, cpu) -> cpuSeconds.put(component,
                cpu.minus(cpuBefore.getOrDefault(component, Duration.ZERO)).toMillis() / 1000.0));
        run.put("cpuSeconds", cpuSeconds);
        run.put("loadAverageMean", loadSamples.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        run.put("loadAverageMax", loadSamples.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        return run;
    }

    /** The stack's JVMs: the services with their replicas, and the router every request and results file passes. */
    private static List<String> jvms(StackProcesses processes) {
        return Stream.concat(processes.serviceInstances().stream(), Stream.of("router")).toList();
    }

    /**
     * Rows of random but valid {@code spotify} vectors, seeded by the run ({@code <run>-<rows>}) so a
     * run's file is the same every time, and a size given twice is two different files: the same
     * file would be the same Idempotency-Key, answered with the first batch instead of scored again.
     */
    private static List<String> writeCatalogue(Path file, int rows, long seed) throws IOException {
        List<FeatureSpec> features = FeatureSet.SPOTIFY.features();
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(rows);
        try (BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            csv.write("id,title,artist," + String.join(",", FeatureSet.SPOTIFY.names()) + "\r\n");
            for (int i = 1; i <= rows; i++) {
                String id = "track-" + i;
                ids.add(id);
                StringBuilder line = new StringBuilder(id).append(",Title ").append(i).append(",Artist ").append(i % 997);
                for (FeatureSpec feature : features) {
                    double value = feature.min() + random.nextDouble() * (feature.max() - feature.min());
                    line.append(',').append(feature.integral() ? Long.toString(Math.round(value))
                            : String.format(Locale.ROOT, "%.4f", value));
                }
                csv.write(line.append("\r\n").toString());
            }
        }
        return ids;
    }

    /**
     * The results file against the catalogue: one line per input row, each input id exactly once,
     * every status final. Our ids and titles hold no comma or quote, so the fields before the
     * status split on commas.
     */
    private static Map<String, Object> checkResults(Path resultsFile, List<String> ids) throws IOException {
        Map<String, Object> check = new LinkedHashMap<>();
        if (!Files.exists(resultsFile)) {
            check.put("resultsExact", false);
            check.put("resultsProblem", "no results file");
            return check;
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        int lines = 0;
        int idColumn;
        int statusColumn;
        try (BufferedReader reader = Files.newBufferedReader(resultsFile, StandardCharsets.UTF_8)) {
            List<String> header = List.of(reader.readLine().split(",", -1));
            idColumn = header.indexOf("id");
            statusColumn = header.indexOf("status");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                String[] fields = line.split(",", statusColumn + 2);
                seen.merge(fields[idColumn], 1, Integer::sum);
                statuses.merge(fields[statusColumn], 1, Integer::sum);
            }
        }
        long missing = ids.stream().filter(id -> !seen.containsKey(id)).count();
        long duplicated = seen.values().stream().filter(count -> count > 1).count();
        long unknown = seen.keySet().stream().filter(id -> !id.startsWith("track-")).count();
        int notFinal = statuses.entrySet().stream().filter(e -> !FINAL.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        check.put("resultLines", lines);
        check.put("missingIds", missing);
        check.put("duplicatedIds", duplicated);
        check.put("unknownIds", unknown);
        check.put("statuses", statuses);
        check.put("resultsExact", lines == ids.size() && missing == 0 && duplicated == 0 && unknown == 0 && notFinal == 0);
        return check;
    }

    private static Map<String, Duration> cpuTimes(StackProcesses processes) {
        Map<String, Duration> times = new LinkedHashMap<>();
        processes.components().forEach(component -> times.put(component, processes.cpuTime(component)));
        return times;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, MemorySnapshot> idle, List<Map<String, Object>> runs,
                                   List<String> components) {
        StringBuilder md = new StringBuilder();
        md.append("| rows | exact | CLI submit s | CLI total s | accepted to complete s | rows/s | row final p50 / p99 s "
                + "| statuses | load avg mean / max |\n|---:|---|---:|---:|---:|---:|---:|---|---:|\n");
        for (Map<String, Object> run : runs) {
            Map<String, Double> rowFinal = (Map<String, Double>) run.getOrDefault("rowFinalSecondsAfterAccepted", Map.of());
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %.1f | %s | %s | %.1f / %.1f | %s | %.1f / %.1f |%n",
                    (Integer) run.get("rows"), run.get("exact"), figure(run.get("cliSubmitSeconds")),
                    (Double) run.get("cliTotalSeconds"), figure(run.get("acceptedToCompleteSeconds")),
                    figure(run.get("rowsPerSecond")), rowFinal.getOrDefault("p50", Double.NaN),
                    rowFinal.getOrDefault("p99", Double.NaN), run.get("statuses"),
                    (Double) run.get("loadAverageMean"), (Double) run.get("loadAverageMax")));
        }
        md.append("\n| component |");
        runs.forEach(run -> md.append(String.format(Locale.ROOT, " peak RSS / PSS MiB (%,d rows) |", (Integer) run.get("rows"))));
        runs.forEach(run -> md.append(String.format(Locale.ROOT, " CPU s (%,d rows) |", (Integer) run.get("rows"))));
        md.append("\n|---|").append("---:|".repeat(2 * runs.size())).append('\n');
        for (String component : components) {
            md.append("| ").append(component).append(" |");
            runs.forEach(run -> md.append(String.format(Locale.ROOT, " %.0f / %.0f |",
                    ((Map<String, Long>) run.get("peakRssKb")).getOrDefault(component, 0L) / 1024.0,
                    ((Map<String, Long>) run.get("peakPssKb")).getOrDefault(component, 0L) / 1024.0)));
            runs.forEach(run -> md.append(String.format(Locale.ROOT, " %.1f |",
                    ((Map<String, Double>) run.get("cpuSeconds")).getOrDefault(component, 0.0))));
            md.append('\n');
        }
        md.append("\nAfter a full GC (jcmd GC.run), heap used / RSS / PSS / NMT committed, MiB:\n\n| JVM | idle |");
        runs.forEach(run -> md.append(String.format(Locale.ROOT, " after %,d rows |", (Integer) run.get("rows"))));
        md.append("\n|---|---:|").append("---:|".repeat(runs.size())).append('\n');
        for (String service : idle.keySet()) {
            md.append("| ").append(service).append(" | ").append(afterGc(idle.get(service))).append(" |");
            runs.forEach(run -> md.append(' ')
                    .append(afterGc(((Map<String, MemorySnapshot>) run.get("memoryAfterGc")).get(service))).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    private static String afterGc(MemorySnapshot memory) {
        if (memory == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %s", memory.heapUsedKb() / 1024.0, memory.rssKb() / 1024.0,
                memory.pssKb() / 1024.0, memory.nmtCommittedKb() < 0 ? "NMT off"
                        : String.format(Locale.ROOT, "%.0f", memory.nmtCommittedKb() / 1024.0));
    }

    private static String figure(Object seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) seconds);
    }
}

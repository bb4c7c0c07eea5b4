package io.hitorflop.e2e.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hitorflop.e2e.harness.HarnessOptions;
import io.hitorflop.e2e.harness.LoadAverage;
import io.hitorflop.e2e.harness.StackProcesses;
import io.hitorflop.e2e.harness.SynthesizedSong;
import io.hitorflop.e2e.harness.WebhookReceiver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault scenarios of issue 6 item 3 against a stack that {@code ./hitorflop up} started
 * (scripts/fault-test.sh does both): each service killed with SIGKILL in turn and restarted, then
 * the broker and then PostgreSQL restarted, each with audio and vector jobs in flight. Writes
 * fault-results.json and fault-results.md to the output directory; exits 1 when a job was lost
 * or duplicated.
 *
 * <p>Arguments: {@code --home DIR --out DIR [--audio 50] [--vectors 200] [--song-seconds 20]
 * [--drain-minutes 10] [--scenarios ingest,feature,inference,results,kafka,postgres]}.
 */
public final class FaultTest {

    private FaultTest() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = HarnessOptions.of(args);
        StackProcesses processes = StackProcesses.ofRunningStack(Path.of(options.get("--home")));
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        int audio = Integer.parseInt(options.getOrDefault("--audio", "50"));
        int vectors = Integer.parseInt(options.getOrDefault("--vectors", "200"));
        int songSeconds = Integer.parseInt(options.getOrDefault("--song-seconds", "20"));
        Duration drain = Duration.ofMinutes(Long.parseLong(options.getOrDefault("--drain-minutes", "10")));
        List<String> scenarios = List.of(options.getOrDefault("--scenarios", String.join(",", Fault.SCENARIOS)).split(","));

        byte[] song = Files.readAllBytes(SynthesizedSong.generate(out.resolve("fault-song.flac"), songSeconds));
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allExactlyOnce = true;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            FaultRunner runner = new FaultRunner(processes, receiver, song, drain);
            for (String scenario : scenarios) {
                Fault fault = Fault.of(scenario);
                System.out.printf("%s: %s with %d audio + %d vector jobs%n", Instant.now(), fault.name(), audio, vectors);
                double loadBefore = LoadAverage.oneMinute();
                ScenarioResult result = runner.run(scenario, fault, audio, vectors);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("result", result);
                row.put("loadAverageBefore", loadBefore);
                row.put("loadAverageAfter", LoadAverage.oneMinute());
                results.add(row);
                allExactlyOnce &= result.exactlyOnce();
                System.out.println(result);
            }
        }
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("fault-results.json").toFile(), results);
        Files.writeString(out.resolve("fault-results.md"), markdown(results, audio, vectors, songSeconds));
        System.out.println(Files.readString(out.resolve("fault-results.md")));
        System.exit(allExactlyOnce ? 0 : 1);
    }

    private static String markdown(List<Map<String, Object>> rows, int audio, int vectors, int songSeconds) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Each scenario: %d audio (%d s FLAC) + %d feature-vector jobs, every job with a webhook to a local receiver.%n%n",
                audio, songSeconds, vectors));
        table.append("| scenario | submitted (202) | refused (API error while down) | done | failed | lost | duplicated | incomplete history "
                + "| webhooks received / expected | webhook redeliveries (same id) | verdict records absorbed "
                + "| refused but recorded (not final) | recovery s | drain s | load avg (1 min) |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> row : rows) {
            ScenarioResult r = (ScenarioResult) row.get("result");
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d / %d | %d | %d | %d (%d) | %.1f | %.1f | %.1f -> %.1f |%n",
                    r.fault(), r.submitted(), r.refused(), r.done(), r.failed(), r.lost(), r.duplicated(), r.incompleteHistory(),
                    r.webhooksReceived(), r.webhooksExpected(), r.webhookRedeliveries(), r.verdictRecordsAbsorbed(),
                    r.refusedButRecorded(), r.refusedButRecordedNotFinal(), r.recoverySeconds(), r.drainSeconds(), (Double) row.get("loadAverageBefore"), (Double) row.get("loadAverageAfter")));
        }
        for (Map<String, Object> row : rows) {
            ScenarioResult r = (ScenarioResult) row.get("result");
            if (!r.failureReasons().isEmpty() || !r.problems().isEmpty()) {
                table.append("\n**").append(r.fault()).append("**: failures ").append(r.failureReasons());
                r.problems().stream().limit(10).forEach(problem -> table.append("\n- ").append(problem));
                table.append('\n');
            }
        }
        return table.toString();
    }
}

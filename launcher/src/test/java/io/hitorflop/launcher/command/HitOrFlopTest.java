package io.hitorflop.launcher.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command tree as a user meets it: exit codes and messages, without starting anything. */
class HitOrFlopTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> environment = new HashMap<>();

    private int run(String commandLine) {
        environment.putIfAbsent("HITORFLOP_HOME", root.resolve("home").toString());
        HitOrFlop launcher = new HitOrFlop(root, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return HitOrFlop.execute(launcher, commandLine.isEmpty() ? new String[0] : commandLine.split(" "));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "analyze                                 | Missing required argument",
            "analyze --timeout-seconds x song.mp3    | Invalid value for option '--timeout-seconds': 'x' is not a long",
            "analyze --timeout-seconds 0 song.mp3    | --timeout-seconds must be positive",
            "analyze --demo song.mp3                 | Unmatched argument at index 2: 'song.mp3'",
            "analyze no-such-song.mp3                | analyze: no such file: no-such-song.mp3",
            "analyze no-such-catalogue.csv           | analyze: no such file: no-such-catalogue.csv",
            "analyze --output out.txt songs.csv      | analyze: --output must end in .csv, .jsonl or .ndjson: out.txt",
            "analyze --explain song.mp3              | --output, --no-wait, --explain, --feature-set and --webhook-url apply to a catalogue",
            "analyze --catalogue --demo              | analyze: --catalogue needs a file",
            "up --postgres-url                       | Missing required parameter for option '--postgres-url'",
            "up --replicas results=2                 | Invalid value for option '--replicas': results runs once",
            "up --replicas feature=7                 | Invalid value for option '--replicas': feature=7: the count must be 1 to 6",
            "up --replicas                           | Missing required parameter for option '--replicas'",
            "down now                                | Unmatched argument at index 1: 'now'",
            "score songs.csv                         | Missing required option: '--set=audio|spotify'",
            "score songs.csv --set jazz              | Invalid value for option '--set'",
            "features                                | Missing required parameter: '<file or folder>'",
            "features --jobs 0 song.mp3              | --jobs must be at least 1",
            "bogus                                   | Unmatched argument at index 0: 'bogus'",
    })
    void aUsageErrorEndsWithExitCode2AMessageAndTheUsageButNoStackTrace(String commandLine, String message) {
        int exit = run(commandLine);

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains(message).contains("Usage: hitorflop").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMalformedVariableIsAUsageErrorNamingIt() {
        environment.put("HITORFLOP_MAX_UPLOAD_BYTES", "100M");

        assertThat(run("status")).isEqualTo(2);
        assertThat(err()).isEqualTo("hitorflop: HITORFLOP_MAX_UPLOAD_BYTES must be a number of bytes, got '100M'\n");
    }

    @Test
    void helpAndNoCommandPrintTheCommandList() {
        assertThat(run("")).isZero();
        assertThat(run("help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("up", "down", "status", "logs", "analyze", "features", "score", "train", "test");
    }

    @Test
    void statusOfAStackThatNeverRanListsEveryComponentStoppedAndExits1() {
        environment.put("HITORFLOP_ROUTER_PORT", "18080");

        assertThat(run("status")).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("router     -        stopped 18080  -")
                .contains("kafka      -        stopped 19092  -");
    }

    @Test
    void statusShowsEachReplicaTheStackWasStartedWithOnItsOwnLine() throws Exception {
        environment.put("HITORFLOP_FEATURE_PORT", "18083");
        Files.createDirectories(root.resolve("home/run"));
        Files.writeString(root.resolve("home/run/ports.env"), "FEATURE_PORT=18083\nFEATURE_2_PORT=40001\n"
                + "INFERENCE_PORT=18084\nINFERENCE_2_PORT=40002\nINFERENCE_3_PORT=40003\n");

        assertThat(run("status")).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("feature     -        stopped 18083  -")
                .contains("feature-2   -        stopped 40001  -").contains("inference-3 -        stopped 40003  -")
                .doesNotContain("feature-3");
    }

    @Test
    void logsExplainWhatIsMissing() throws Exception {
        assertThat(run("logs")).isEqualTo(1);
        assertThat(err()).startsWith("hitorflop: no logs yet (");

        Files.createDirectories(root.resolve("home/logs"));
        Files.writeString(root.resolve("home/logs/kafka.log"), "one\ntwo\nthree\n");
        environment.put("HITORFLOP_LOG_LINES", "2");
        assertThat(run("logs kafka")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("two\nthree\n");
        assertThat(run("logs nope")).isEqualTo(1);
        assertThat(err()).contains("hitorflop: no log for 'nope'; one of: kafka postgres results ingest feature inference router");

        Files.writeString(root.resolve("home/logs/feature-2.log"), "analysed\n");
        assertThat(run("logs feature-2")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("analysed\n");
        assertThat(run("logs feature-3")).isEqualTo(1);
        assertThat(err()).contains("one of: kafka postgres results ingest feature inference router feature-2\n");
    }
}

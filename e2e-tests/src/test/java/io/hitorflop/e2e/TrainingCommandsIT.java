package io.hitorflop.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root README's training commands, run as written through {@code ./hitorflop} from the
 * packaged build (a fresh clone's {@code mvn install}-free path): the command lines are read from
 * the README itself, so the README cannot drift from what works. Only the file names the README
 * leaves to the reader ({@code my.csv}, {@code scores.csv}) are replaced by files of the test.
 * The full {@code train} run takes 5–14 minutes on a 2-core machine, too long for every CI run: it is
 * checked to be a command the launcher knows, and is run by hand when the models change.
 */
@Tag("integration")
class TrainingCommandsIT {

    private static final Path ROOT = Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize();
    private static final int SCORED_ROWS = 300;

    @Test
    void theReadmeScoreCommandScoresEveryRowAndPrintsTheMetrics(@TempDir Path dir) throws Exception {
        List<String> command = readmeCommand("./hitorflop score ");
        Path rows = dir.resolve("my.csv");
        Path scores = dir.resolve("scores.csv");
        writeDevelopmentRows(rows, SCORED_ROWS);
        List<String> resolved = command.stream()
                .map(word -> word.equals("my.csv") ? rows.toString() : word.equals("scores.csv") ? scores.toString() : word)
                .toList();

        Run run = run(resolved);

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> written = Files.readAllLines(scores);
        assertThat(written).hasSize(SCORED_ROWS + 1);
        assertThat(written.get(0)).startsWith("row,").contains("soft_probability", "hard_vote");
        assertThat(run.output()).contains("roc_auc").containsPattern("soft_vote\\s+0\\.\\d{4}");
    }

    @Test
    void theReadmeTrainCommandIsOneTheLauncherKnows() throws Exception {
        List<String> command = new ArrayList<>(readmeCommand("./hitorflop train"));
        command.add("--help");

        Run run = run(command);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("train");
    }

    /** The README line that starts with the prefix, without its trailing comment, split into words. */
    private static List<String> readmeCommand(String prefix) throws IOException {
        String line = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no line starting with '" + prefix + "'"));
        int comment = line.indexOf(" #");
        String words = (comment < 0 ? line : line.substring(0, comment)).strip();
        return Arrays.asList(words.split("\\s+"));
    }

    private static void writeDevelopmentRows(Path target, int rows) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(ROOT.resolve("training/data/hit_predictor_dev.csv.gz"))), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i <= rows; i++) {
                lines.add(in.readLine());
            }
            Files.write(target, lines);
        }
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // the build that runs this test has just packaged everything; never rebuild from inside it
        builder.environment().put("HITORFLOP_NO_BUILD", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }
}

package io.hitorflop.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The user's command {@code ./hitorflop analyze <catalogue.csv>} run as a process against a running
 * stack (found through {@code HITORFLOP_HOME}), its output in a file so that a test can read it while
 * the command follows the batch.
 */
public final class CatalogueCommand {

    private static final Pattern SUBMITTED = Pattern.compile("as batch ([0-9a-f-]{36})");

    private final Process process;
    private final Path output;

    private CatalogueCommand(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code ./hitorflop analyze catalogue} from {@code root}, for the stack whose home is {@code stackHome}. */
    public static CatalogueCommand start(Path root, Path stackHome, Path catalogue) throws IOException {
        Path output = catalogue.resolveSibling("analyze.out");
        ProcessBuilder builder = new ProcessBuilder(List.of("./hitorflop", "analyze", catalogue.toString()))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("HITORFLOP_HOME", stackHome.toString());
        // the build that runs the test has just packaged everything; never rebuild from inside it
        environment.put("HITORFLOP_NO_BUILD", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        return new CatalogueCommand(process, output);
    }

    /** The batch id, once the command has printed that its catalogue was accepted. */
    public UUID awaitBatchId(Duration atMost) {
        return await("analyze prints its batch id").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(this::batchId, Optional::isPresent).orElseThrow();
    }

    private Optional<UUID> batchId() throws IOException {
        Matcher submitted = SUBMITTED.matcher(output());
        return submitted.find() ? Optional.of(UUID.fromString(submitted.group(1))) : Optional.empty();
    }

    /** Waits for the command to end; its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("analyze did not end within " + atMost);
        }
        return process.exitValue();
    }

    /** Everything the command printed so far (stdout and stderr). */
    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }
}

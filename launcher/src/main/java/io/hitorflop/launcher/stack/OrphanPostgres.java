package io.hitorflop.launcher.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL left behind when its wrapper process was killed: its {@code postmaster.pid} names
 * it, and it is taken for ours only while its command line names our data directory.
 */
final class OrphanPostgres {

    static void stop(Path dataDir, Duration timeout, PrintStream out) {
        Path pidFile = dataDir.resolve("pgdata").resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = postmaster(pidFile)
                .filter(process -> process.info().commandLine().orElse("").contains(dataDir.toString()));
        postmaster.ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
            out.println("stopped orphaned postgres (" + process.pid() + ")");
        });
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private OrphanPostgres() {
    }
}

package io.hitorflop.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs podman (and podman-compose, and the image build script) as child processes, each bounded
 * by a time-out, and keeps a log of every command and its output under the work directory, so a
 * failed test can be read afterwards. Only 127.0.0.1 is ever published (the compose file binds its
 * one port there).
 */
public final class Podman {

    /** What a command printed (stdout and stderr merged) and how it ended. */
    public record Result(List<String> command, int exitCode, String output) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        public Result orThrow() {
            if (!succeeded()) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exitCode + ":\n" + tail(output));
            }
            return this;
        }

        private static String tail(String text) {
            return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
        }
    }

    private final Path workDirectory;
    private final Path log;
    private final Map<String, String> environment = new HashMap<>();

    public Podman(Path workDirectory) {
        this.workDirectory = workDirectory;
        this.log = workDirectory.resolve("commands.log");
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when podman answers on this machine (the container tests need it). */
    public static boolean available() {
        try {
            Process process = new ProcessBuilder("podman", "version").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sets an environment variable of every later command (e.g. the compose file's variables). */
    public Podman environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** {@code podman <arguments>}. */
    public Result podman(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(timeout, command);
    }

    /** Runs any command in the work directory's environment; never throws on a non-zero exit. */
    public Result run(Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile(workDirectory, "command-", ".out");
            builder.redirectOutput(output.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            int exitCode;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                exitCode = -1;
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            Files.writeString(log, "$ " + String.join(" ", command) + "\n" + text + "-> exit " + exitCode
                    + (exitCode == -1 ? " (timed out after " + timeout + ")" : "")
                    + String.format(" after %.1f s%n", (System.nanoTime() - started) / 1e9),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new Result(List.copyOf(command), exitCode, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** {@code podman healthcheck run}: runs the container's own health check once (exit 0 = healthy). */
    public boolean healthy(String container) {
        return podman(Duration.ofSeconds(60), "healthcheck", "run", container).succeeded();
    }
}

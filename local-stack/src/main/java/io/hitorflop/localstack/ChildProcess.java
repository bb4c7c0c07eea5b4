package io.hitorflop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by this JVM. Its output goes to a log file; its stdin stays an open
 * pipe, and every child we start stops when that pipe closes, so a child never outlives the JVM
 * that started it, even when that JVM is killed.
 */
final class ChildProcess implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildProcess(name, process, log);
    }

    /** Runs a command to completion; a non-zero exit or a timeout throws with the end of its log. */
    static void run(String name, List<String> command, Path log, Duration timeout) throws IOException {
        try (ChildProcess child = start(name, command, log)) {
            child.process.getOutputStream().close();
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw child.failure("did not finish within " + timeout);
            }
            if (child.process.exitValue() != 0) {
                throw child.failure("exited with code " + child.process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + " interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** An exception naming the process, the problem and the last lines it logged. */
    IOException failure(String problem) {
        return new IOException(name + " " + problem + "; last lines of " + log + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Closes stdin (the child's signal to shut down cleanly), then escalates if it lingers. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

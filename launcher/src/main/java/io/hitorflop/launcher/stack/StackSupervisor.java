package io.hitorflop.launcher.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts, watches and stops the child processes of a stack, on {@link ProcessBuilder} and
 * {@link ProcessHandle} only. Each child's output goes to {@code logs/<name>.log} under the state
 * directory, its identity (pid and start instant) to {@code run/<name>.pid} and
 * {@code run/<name>.started}, and how it was started to {@code run/<name>.json}; so a later
 * supervisor, even after this one was killed, finds, stops and restarts what still runs, and never
 * signals a process that merely reuses a recorded pid.
 */
public final class StackSupervisor {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;

    /** How to start one child: its name, command line and extra environment variables. */
    public record ChildSpec(String name, List<String> command, Map<String, String> environment) {
        public ChildSpec {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /** A child that died or did not become ready in time; the message carries the end of its log. */
    public static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }

    private final Path runDir;
    private final Path logDir;
    private final Duration stopTimeout;
    private static final ObjectMapper JSON = new ObjectMapper();

    public StackSupervisor(Path home, Duration stopTimeout) {
        this.runDir = home.resolve("run");
        this.logDir = home.resolve("logs");
        this.stopTimeout = stopTimeout;
    }

    public Path runDir() {
        return runDir;
    }

    public Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    /** Starts a child with stdin at end of file and its output in a fresh log, and records its identity. */
    public ProcessHandle start(ChildSpec spec) {
        try {
            Files.createDirectories(runDir);
            Files.createDirectories(logDir);
            Path log = log(spec.name());
            Files.deleteIfExists(log);
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            process.getOutputStream().close();
            ProcessHandle handle = process.toHandle();
            Files.writeString(pidFile(spec.name()), Long.toString(handle.pid()));
            Files.writeString(startedFile(spec.name()), startInstant(handle).map(Instant::toString).orElse(""));
            JSON.writeValue(specFile(spec.name()).toFile(), spec);
            OwnerOnly.restrict(specFile(spec.name()));
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        }
    }

    /** The child's process, present only while that very process runs (same pid and start instant). */
    public Optional<ProcessHandle> running(String name) {
        try {
            if (!Files.isRegularFile(pidFile(name)) || !Files.isRegularFile(startedFile(name))) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile(name)).trim());
            String recordedStart = Files.readString(startedFile(name)).trim();
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> !recordedStart.isEmpty()
                            && startInstant(process).map(Instant::toString).orElse("").equals(recordedStart));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Waits for the first log line matching {@code pattern}; fails when the child exits or time runs out. */
    public Matcher awaitLogLine(String name, Pattern pattern, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Matcher> match = firstMatch(name, pattern);
            if (match.isPresent()) {
                return match.get();
            }
            checkStillStarting(name, deadline, "printed no line matching '" + pattern + "'", timeout);
            pause();
        }
    }

    /** Waits until {@code ready} holds; fails when the child exits or time runs out. */
    public void awaitReady(String name, BooleanSupplier ready, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            checkStillStarting(name, deadline, "not ready (" + what + ")", timeout);
            pause();
        }
    }

    /**
     * Stops a child: a clean stop request (SIGTERM) to it alone, whose shutdown stops what it runs
     * (PostgreSQL by a fast shutdown; a SIGTERM straight to the postmaster would be a smart one,
     * waiting for every client), then, when it or a descendant still runs after the stop timeout,
     * a forced stop of them all. False when nothing of that name was running.
     */
    public boolean stop(String name) {
        Optional<ProcessHandle> running = running(name);
        running.ifPresent(process -> {
            List<ProcessHandle> family = family(process);
            process.destroy();
            Instant deadline = Instant.now().plus(stopTimeout);
            if (!family.stream().allMatch(member -> awaitExit(member, deadline))) {
                System.err.println("hitorflop: " + name + " did not stop in " + stopTimeout.toSeconds() + "s; killing it");
                kill(family);
            }
        });
        forget(name);
        return running.isPresent();
    }

    /** Ends a child and its descendants at once (SIGKILL), as a crash of its machine would. */
    public void kill(String name) {
        running(name).ifPresent(process -> kill(family(process)));
        forget(name);
    }

    /** Stops a child and starts it again as it was started. */
    public ProcessHandle restart(String name) {
        stop(name);
        return startAgain(name, Map.of());
    }

    /** Starts a stopped child again as it was last started, with {@code environment} added to its environment. */
    public ProcessHandle startAgain(String name, Map<String, String> environment) {
        ChildSpec spec;
        try {
            spec = JSON.readValue(specFile(name).toFile(), ChildSpec.class);
        } catch (IOException e) {
            throw new IllegalStateException(name + " was never started here (" + specFile(name) + ")", e);
        }
        Map<String, String> merged = new HashMap<>(spec.environment());
        merged.putAll(environment);
        return start(new ChildSpec(name, spec.command(), merged));
    }

    /** The last lines of a child's log, for a failure message. */
    public String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(log(name), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void checkStillStarting(String name, Instant deadline, String problem, Duration timeout) {
        if (running(name).isEmpty()) {
            throw new StartFailure(name + " exited during start-up; last lines of " + log(name) + ":\n" + logTail(name));
        }
        if (Instant.now().isAfter(deadline)) {
            throw new StartFailure(name + " " + problem + " after " + timeout.toSeconds() + "s; last lines of "
                    + log(name) + ":\n" + logTail(name));
        }
    }

    /** The first line of a child's log matching {@code pattern}, if it printed one yet. */
    public Optional<Matcher> firstMatch(String name, Pattern pattern) {
        try {
            if (!Files.isRegularFile(log(name))) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(log(name), StandardCharsets.UTF_8)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<ProcessHandle> family(ProcessHandle process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process);
        return family;
    }

    private void kill(List<ProcessHandle> family) {
        family.forEach(ProcessHandle::destroyForcibly);
        family.forEach(member -> awaitExit(member, Instant.now().plus(stopTimeout)));
    }

    private void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
            Files.deleteIfExists(startedFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pidFile(String name) {
        return runDir.resolve(name + ".pid");
    }

    private Path specFile(String name) {
        return runDir.resolve(name + ".json");
    }

    private Path startedFile(String name) {
        return runDir.resolve(name + ".started");
    }

    private static Optional<Instant> startInstant(ProcessHandle process) {
        return process.info().startInstant();
    }

    private static boolean awaitExit(ProcessHandle process, Instant deadline) {
        long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while waiting");
        }
    }
}

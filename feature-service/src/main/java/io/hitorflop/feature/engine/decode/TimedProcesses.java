package io.hitorflop.feature.engine.decode;


import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts ffmpeg processes with a wall-clock limit: a daemon watchdog kills the process
 * (and its children) when the limit passes, so a stuck decoder never outlives its job.
 */
final class TimedProcesses {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ffmpeg-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private TimedProcesses() {
    }

    /** A started process and the watchdog that kills it at the deadline. */
    record Watched(Process process, ScheduledFuture<?> watchdog, AtomicBoolean expired) implements AutoCloseable {

        /** Whether the deadline passed; set before the kill starts, so it is true once the pipes break. */
        boolean timedOut() {
            return expired.get();
        }

        /** Cancels the watchdog and makes sure the process is gone. */
        @Override
        public void close() {
            watchdog.cancel(false);
            kill(process);
        }
    }

    static Watched start(List<String> command, Duration limit, boolean discardStderr) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (discardStderr) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AudioDecodeException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            kill(process);
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        return new Watched(process, watchdog, expired);
    }

    static void kill(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}

package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import net.bramp.ffmpeg.ProcessFunction;
import net.bramp.ffmpeg.RunProcessFunction;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts ffprobe/ffmpeg for ffmpeg-cli-wrapper and kills every process still running when one
 * shared deadline passes, so a pathological upload cannot hold a request thread (the wrapper
 * itself waits for the process without a limit). One instance covers one upload.
 */
final class DeadlineProcessFunction implements ProcessFunction {

    private final ProcessFunction launcher = new RunProcessFunction();
    private final Duration budget;
    private final long deadlineNanos;
    private volatile boolean expired;

    DeadlineProcessFunction(Duration budget) {
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    @Override
    public Process run(List<String> args) throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            expired = true;
            throw new IOException("time limit of " + budget + " passed before " + args.get(0) + " could start");
        }
        Process process = launcher.run(args);
        process.onExit()
                .orTimeout(remaining, TimeUnit.NANOSECONDS)
                .whenComplete((exited, timeout) -> {
                    if (timeout != null) {
                        expired = true;
                        process.destroyForcibly();
                    }
                });
        return process;
    }

    /** Whether a process was killed (or refused) because the deadline passed. */
    boolean expired() {
        return expired;
    }

    /** The rejection to report when {@link #expired()}: the upload could not be handled in time. */
    AudioRejectedException timedOut() {
        return new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "probing and transcoding took longer than the "
                + "limit of " + budget.toSeconds() + " s; ffmpeg was stopped");
    }
}

package io.hitorflop.feature.engine.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains ffmpeg's stderr (run with {@code -loglevel level+info}) on its own thread: hands over the
 * "Input #0" section as soon as it is complete, and keeps the last characters of the error lines
 * (error, fatal, panic: what {@code -v error} used to print) for the message of a failure.
 */
final class FfmpegLog extends Thread {

    private static final int ERROR_TAIL_CHARS = 2_000;
    /** "[info] text", or "[flac @ 0x55d0c3a1b2c0] [error] text" when a component logs it. */
    private static final Pattern LEVELLED =
            Pattern.compile("^((?:\\[[^\\]]+ @ 0x[0-9a-f]+\\] )*)\\[(panic|fatal|error|warning|info|verbose|debug|trace)\\] (.*)$");

    private final BufferedReader lines;
    /** ffmpeg starts its messages about the input with its path; the path is ours, not part of the reason. */
    private final String inputPrefix;
    private final StringBuilder errors = new StringBuilder();
    private final CompletableFuture<List<String>> inputSection = new CompletableFuture<>();

    FfmpegLog(InputStream stderr, String input) {
        super("ffmpeg-stderr");
        setDaemon(true);
        this.lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8));
        this.inputPrefix = input + ": ";
    }

    @Override
    public void run() {
        List<String> section = new ArrayList<>();
        String level = "info";
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                String text = line;
                Matcher levelled = LEVELLED.matcher(line);
                if (levelled.matches()) {
                    level = levelled.group(2);
                    text = levelled.group(1) + levelled.group(3);
                }
                // an untagged line continues the message before it
                switch (level) {
                    case "panic", "fatal", "error" -> appendError(text);
                    case "info" -> collectInputSection(section, text);
                    default -> { }
                }
            }
        } catch (IOException ignored) {
            // the process was killed; what was read so far is the message
        } finally {
            inputSection.complete(List.copyOf(section));
        }
    }

    private void collectInputSection(List<String> section, String text) {
        if (inputSection.isDone()) {
            return;
        }
        if (section.isEmpty()) {
            if (text.startsWith("Input #0")) {
                section.add(text);
            }
        } else if (text.startsWith("  ")) {
            section.add(text);
        } else {
            inputSection.complete(List.copyOf(section));
        }
    }

    private void appendError(String text) {
        String reason = text.startsWith(inputPrefix) ? text.substring(inputPrefix.length()) : text;
        synchronized (errors) {
            if (!errors.isEmpty()) {
                errors.append('\n');
            }
            errors.append(reason);
            if (errors.length() > ERROR_TAIL_CHARS) {
                errors.delete(0, errors.length() - ERROR_TAIL_CHARS);
            }
        }
    }

    /** The input section, once ffmpeg has printed all of it; empty when ffmpeg ended without one (it could not open the input). */
    Optional<FfmpegInputDump> inputDump() {
        try {
            return FfmpegInputDump.parse(inputSection.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AudioDecodeException("interrupted while waiting for ffmpeg", e);
        } catch (ExecutionException e) {
            throw new AudioDecodeException("reading ffmpeg's log failed", e.getCause());
        }
    }

    /** Waits until stderr is drained (the process has ended or been killed). */
    void finish() {
        try {
            join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String errors() {
        synchronized (errors) {
            return errors.toString().strip();
        }
    }
}

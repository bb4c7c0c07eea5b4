package io.hitorflop.feature.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.TrackAnalysis;
import io.hitorflop.feature.engine.decode.AudioDecodeException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code features [--jobs N] [--] <file or folder>...}: analyses each file (a folder stands for the
 * audio files under it, see {@link AudioInputs}) and prints one JSON object per file and line, in
 * input order: {@code {"file", "features", "descriptors", "dna"}} or {@code {"file", "problem":
 * {type, title, status, detail}}} (RFC 9457 fields). Up to {@code N} files (default: the available
 * processors) are analysed at once, each with its own ffmpeg. A summary line goes to stderr. Exits
 * 0 when every file was analysed, 1 when any failed, 2 for a usage error. {@code ./hitorflop
 * features} (module launcher) owns the user's command line and its help.
 */
public final class FeaturesCommand {

    private static final String USAGE = "usage: features [--jobs N] [--] <audio file or folder>...";

    private final ObjectMapper json = new ObjectMapper();
    private final FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());

    private FeaturesCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("features: " + e.getMessage());
            err.println(USAGE);
            err.println("prints one JSON object per file: model features, descriptors and spectral DNA");
            return 2;
        }
        List<Path> files = AudioInputs.expand(arguments.paths());
        if (files.isEmpty()) {
            err.println("features: no audio files in " + arguments.paths());
            return 2;
        }
        Summary summary = new Summary();
        FeaturesCommand command = new FeaturesCommand();
        InputOrderedPool.map(files, arguments.jobs(), command::analyze, result -> {
            out.println(result.line());
            summary.add(result);
        });
        out.flush();
        err.println(summary.describe(Duration.ofNanos(System.nanoTime() - started), arguments.jobs()));
        return summary.failed == 0 ? 0 : 1;
    }

    private FileResult analyze(Path file) {
        ObjectNode line = json.createObjectNode();
        line.put("file", file.toString());
        try {
            TrackAnalysis analysis = engine.analyze(file);
            line.set("features", json.valueToTree(analysis.modelFeatures()));
            line.set("descriptors", json.valueToTree(analysis.descriptors()));
            line.set("dna", json.valueToTree(analysis.dna()));
            return new FileResult(line, analysis.modelFeatures().get("duration_ms"));
        } catch (AudioRejectedException e) {
            line.set("problem", problem(e.problemType(), e.getMessage()));
        } catch (AudioDecodeException e) {
            line.set("problem", problem(ProblemType.FEATURE_EXTRACTION_FAILED, e.getMessage()));
        } catch (RuntimeException e) {
            // one file's unexpected failure is its own line's problem; the other files go on
            line.set("problem", problem(ProblemType.FEATURE_EXTRACTION_FAILED, e.toString()));
        }
        return new FileResult(line, null);
    }

    private ObjectNode problem(ProblemType type, String detail) {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", type.uri());
        problem.put("title", type.title());
        problem.put("status", type.status());
        problem.put("detail", detail);
        return problem;
    }

    /** One file's output line and, when it was analysed, its duration. */
    private record FileResult(ObjectNode line, Double durationMs) {
    }

    record Arguments(int jobs, List<Path> paths) {

        static Arguments parse(String[] args) {
            int jobs = Runtime.getRuntime().availableProcessors();
            List<Path> paths = new ArrayList<>();
            boolean options = true;
            for (int i = 0; i < args.length; i++) {
                if (options && args[i].equals("--")) {
                    options = false;
                } else if (options && args[i].equals("--jobs")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--jobs needs a number");
                    }
                    jobs = positive(args[++i]);
                } else {
                    paths.add(Path.of(args[i]));
                }
            }
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("no file or folder given");
            }
            return new Arguments(jobs, List.copyOf(paths));
        }

        private static int positive(String value) {
            try {
                int number = Integer.parseInt(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the value
            }
            throw new IllegalArgumentException("--jobs must be a whole number from 1, was " + value);
        }
    }

    private static final class Summary {
        private int files;
        private int failed;
        private double audioMs;

        void add(FileResult result) {
            files++;
            if (result.durationMs() == null) {
                failed++;
            } else {
                audioMs += result.durationMs();
            }
        }

        String describe(Duration wall, int jobs) {
            double minutes = audioMs / 60_000.0;
            double seconds = wall.toNanos() / 1e9;
            String perMinute = minutes > 0 ? String.format(Locale.ROOT, "%.3f s", seconds / minutes) : "-";
            String sinceJvmStart = ProcessHandle.current().info().startInstant()
                    .map(start -> String.format(Locale.ROOT, ", %.2f s since the JVM started",
                            Duration.between(start, Instant.now()).toNanos() / 1e9))
                    .orElse("");
            return String.format(Locale.ROOT,
                    "features: %d files (%d failed), %.1f audio minutes in %.2f s (%s per audio minute%s), %d jobs",
                    files, failed, minutes, seconds, perMinute, sinceJvmStart, jobs);
        }
    }
}

package io.hitorflop.training.cli;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.training.pipeline.RepoLayout;
import io.hitorflop.training.pipeline.TrainingRun;

import java.nio.file.Path;

/** Entry point: {@code train} and {@code score}. */
public final class TrainingCli {

    private static final String USAGE = """
            usage: train
                   score <csv> --set audio|spotify [--out file] [--metrics] [--models dir]""";

    public static void main(String[] args) {
        quietLibraries();
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("no command given");
            }
            switch (args[0]) {
                case "train" -> train();
                case "score" -> score(args);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    private static void train() {
        long start = System.nanoTime();
        TrainingRun.run(RepoLayout.locate(), message -> System.err.printf("[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, message));
        System.err.printf("train finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void score(String[] args) {
        Path csv = null;
        FeatureSet set = null;
        Path out = null;
        Path models = null;
        boolean metrics = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> set = FeatureSet.fromId(value(args, ++i, "--set"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--models" -> models = Path.of(value(args, ++i, "--models"));
                case "--metrics" -> metrics = true;
                default -> {
                    if (args[i].startsWith("--") || csv != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                    }
                    csv = Path.of(args[i]);
                }
            }
        }
        if (csv == null || set == null) {
            throw new IllegalArgumentException("score needs a CSV file and --set audio|spotify");
        }
        ScoreCommand.run(csv, set, models != null ? models : RepoLayout.locate().models(), out, metrics, System.out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Tribuo logs every boosting round at INFO; only warnings matter on the console. */
    private static void quietLibraries() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
    }
}

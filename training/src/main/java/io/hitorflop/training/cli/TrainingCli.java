package io.hitorflop.training.cli;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.training.pipeline.RepoLayout;
import io.hitorflop.training.pipeline.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** Entry point: {@code train} and {@code score}; usage errors end with exit code 2. */
@Command(name = "training", mixinStandardHelpOptions = true, subcommands = CommandLine.HelpCommand.class)
public final class TrainingCli {

    public static void main(String[] args) {
        quietLibraries();
        System.exit(new CommandLine(new TrainingCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Command(name = "train", description = "Trains, evaluates and exports the models, their cards and the report.")
    void train() {
        long start = System.nanoTime();
        TrainingRun.run(RepoLayout.locate(), message -> System.err.printf("[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, message));
        System.err.printf("train finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Command(name = "score", description = "Scores the rows of a CSV with the five models of a feature set.")
    void score(@Parameters(paramLabel = "<csv>") Path csv,
            @Option(names = "--set", required = true, paramLabel = "audio|spotify") FeatureSet set,
            @Option(names = "--out", paramLabel = "<file>") Path out,
            @Option(names = "--metrics") boolean metrics,
            @Option(names = "--models", paramLabel = "<dir>") Path models) {
        ScoreCommand.run(csv, set, models != null ? models : RepoLayout.locate().models(), out, metrics, System.out);
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

package io.hitorflop.launcher.command;

import io.hitorflop.contract.features.FeatureSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score the rows of a CSV with the five models of a feature set (the training module's scorer).")
public final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @Parameters(paramLabel = "<csv>", description = "rows with the feature set's columns")
    Path csv;

    @Option(names = "--set", required = true, paramLabel = "audio|spotify",
            description = "feature set: audio or spotify")
    FeatureSet set;

    @Option(names = "--out", paramLabel = "<file>", description = "write the scored rows here (default: stdout)")
    Path out;

    @Option(names = "--metrics", description = "also print accuracy, ROC AUC and the confusion matrix (needs a label column)")
    boolean metrics;

    @Option(names = "--models", paramLabel = "<dir>", description = "directory with <set>/card.json (default: the shipped models)")
    Path models;

    @Override
    public Integer call() {
        List<String> arguments = new ArrayList<>(List.of("score", csv.toAbsolutePath().toString(), "--set", set.id()));
        if (out != null) {
            arguments.addAll(List.of("--out", out.toAbsolutePath().toString()));
        }
        if (metrics) {
            arguments.add("--metrics");
        }
        if (models != null) {
            arguments.addAll(List.of("--models", models.toAbsolutePath().toString()));
        }
        return TrainingModule.run(launcher, arguments);
    }
}

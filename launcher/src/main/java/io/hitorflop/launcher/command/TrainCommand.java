package io.hitorflop.launcher.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Reproduce the ten shipped ONNX models, their cards and docs/training-report.md from training/data.")
public final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @Override
    public Integer call() {
        return TrainingModule.run(launcher, List.of("train"));
    }
}

package io.hitorflop.launcher.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"What runs, on which port, and its health.", "Exit code 0 when anything runs, 1 when nothing does."})
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @Override
    public Integer call() {
        return Stacks.of(launcher).status(launcher.out());
    }
}

package io.hitorflop.launcher.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop everything the launcher started (also after a crash).")
public final class DownCommand implements Runnable {

    @ParentCommand
    HitOrFlop launcher;

    @Override
    public void run() {
        Stacks.of(launcher).down(launcher.out());
    }
}

package io.hitorflop.launcher.command;

import io.hitorflop.launcher.build.ProjectBuild;
import io.hitorflop.launcher.build.SystemTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true, customSynopsis = "hitorflop test [-hV] [maven args...]",
        description = {"Install missing tools (ffmpeg) and run the whole test suite: ./mvnw -B -ntp verify [maven args]."})
public final class TestCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @Unmatched
    List<String> mavenArguments = new ArrayList<>();

    @Override
    public Integer call() {
        SystemTools.ensureTestTools(launcher.err());
        List<String> arguments = new ArrayList<>(List.of("-B", "-ntp", "verify"));
        arguments.addAll(mavenArguments);
        return new ProjectBuild(launcher.root(), false, launcher.err()).maven(arguments);
    }
}

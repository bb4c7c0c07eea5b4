package io.hitorflop.launcher.command;

import io.hitorflop.launcher.build.AppSnapshot;
import io.hitorflop.launcher.build.ProjectBuild;
import io.hitorflop.launcher.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Run the feature engine directly and print one JSON object per file (no stack needed).",
                "Exit code 0 when every file was analysed, 1 when any failed."})
public final class FeaturesCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @Parameters(arity = "1..*", paramLabel = "<audio file>")
    List<Path> files;

    @Override
    public Integer call() {
        Path app = AppSnapshot.packagedService(launcher.root(), Component.FEATURE);
        new ProjectBuild(launcher.root(), launcher.settings().noBuild(), launcher.err())
                .ensureBuilt(List.of(Component.FEATURE.module()), List.of(app.resolve("quarkus-run.jar")));
        return ChildJava.run(Path.of("").toAbsolutePath(), List.of(),
                List.of(app.resolve("app/*").toString(), app.resolve("lib/main/*").toString(),
                        app.resolve("lib/boot/*").toString()),
                "io.hitorflop.feature.engine.cli.FeaturesCommand",
                files.stream().map(Path::toString).toList());
    }
}

package io.hitorflop.launcher.command;

import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.build.AppSnapshot;
import io.hitorflop.launcher.build.ProjectBuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Run the feature engine directly and print one JSON object per file, in the order given (no stack needed).",
                "A folder stands for the audio files under it (recursively, by extension, in path order).",
                "A summary (files, audio minutes, wall time) goes to stderr.",
                "Exit code 0 when every file was analysed, 1 when any failed."})
public final class FeaturesCommand implements Callable<Integer> {

    private static final String ENGINE_MAIN = "io.hitorflop.feature.engine.cli.FeaturesCommand";

    @ParentCommand
    HitOrFlop launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N",
            description = "files analysed at once, each with its own ffmpeg (default: the available processors)")
    Integer jobs;

    @Parameters(arity = "1..*", paramLabel = "<file or folder>")
    List<Path> files;

    @Override
    public Integer call() {
        if (jobs != null && jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        Path app = AppSnapshot.packagedService(launcher.root(), Component.FEATURE);
        new ProjectBuild(launcher.root(), launcher.settings().noBuild(), launcher.err())
                .ensureBuilt(List.of(Component.FEATURE.module()), List.of(app.resolve("quarkus-run.jar")));
        List<Path> classpath = engineClasspath(app);
        // the class data of the engine's classes, kept beside the build it was made from
        ClassDataArchive archive = ClassDataArchive.of(app.resolveSibling("cds"), "features", classpath);
        List<String> jvmOptions = new ArrayList<>(ClassDataArchive.WARNINGS_TO_STDERR);
        jvmOptions.addAll(archive.jvmOptions());
        int exit = ChildJava.run(Path.of("").toAbsolutePath(), jvmOptions,
                classpath.stream().map(Path::toString).toList(), ENGINE_MAIN, engineArguments());
        archive.completed(exit);
        return exit;
    }

    private List<String> engineArguments() {
        List<String> arguments = new ArrayList<>();
        if (jobs != null) {
            arguments.addAll(List.of("--jobs", jobs.toString()));
        }
        arguments.add("--");
        files.forEach(file -> arguments.add(file.toString()));
        return arguments;
    }

    /** The jars one by one in a fixed order: a class data archive is valid only for the classpath it was made with. */
    private static List<Path> engineClasspath(Path app) {
        List<Path> jars = new ArrayList<>();
        for (String folder : List.of("app", "lib/main", "lib/boot")) {
            try (Stream<Path> listing = Files.list(app.resolve(folder))) {
                listing.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw LauncherException.failed("cannot list " + app.resolve(folder) + ": " + e.getMessage());
            }
        }
        return jars;
    }
}

package io.hitorflop.launcher.command;

import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.build.ProjectBuild;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The training module's command line ({@code TrainingCli}), built if needed and run in a child JVM. */
final class TrainingModule {

    private static final String MODULE = "training";

    private TrainingModule() {
    }

    static int run(HitOrFlop launcher, List<String> arguments) {
        Path target = launcher.root().resolve(MODULE).resolve("target");
        Path classpathFile = target.resolve("training-runtime.classpath");
        new ProjectBuild(launcher.root(), launcher.settings().noBuild(), launcher.err())
                .ensureBuilt(List.of(MODULE), List.of(classpathFile));
        List<String> classpath = new ArrayList<>();
        classpath.add(target.resolve("classes").toString());
        try {
            String dependencies = Files.readString(classpathFile).trim();
            if (!dependencies.isEmpty()) {
                classpath.addAll(List.of(dependencies.split(File.pathSeparator)));
            }
        } catch (IOException e) {
            throw LauncherException.failed("cannot read " + classpathFile + ": " + e.getMessage());
        }
        // RepoLayout finds the training data from the working directory: the project root. ONNX
        // Runtime's native initialisation crashes the JVM (SIGSEGV in OrtEnvironment.getEnvironment)
        // with the default thread stack size on this machine; 2 MiB avoids it (training/README.md).
        return ChildJava.run(launcher.root(), List.of("-Xss2m"), classpath, "io.hitorflop.training.cli.TrainingCli", arguments);
    }
}

package io.hitorflop.launcher.build;

import io.hitorflop.launcher.LauncherSettings;
import io.hitorflop.launcher.stack.AppLayout;
import io.hitorflop.launcher.Component;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The programs a stack runs: the services packaged (built first when stale), then snapshotted. */
public final class PackagedApps {

    private PackagedApps() {
    }

    /** Builds the services when needed and copies them with {@code launcherJar} into the state directory. */
    public static AppLayout prepare(LauncherSettings settings, PrintStream messages, Path launcherJar) {
        SystemTools.ensureMediaTools(messages);
        List<String> modules = Component.services().stream().map(Component::module).toList();
        List<Path> jars = Component.services().stream()
                .map(service -> AppSnapshot.packagedService(settings.root(), service).resolve("quarkus-run.jar"))
                .toList();
        new ProjectBuild(settings.root(), settings.noBuild(), messages).ensureBuilt(modules, jars);
        return AppSnapshot.take(settings.root(), settings.home(), launcherJar);
    }
}

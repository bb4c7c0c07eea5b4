package io.hitorflop.launcher.build;

import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.stack.AppLayout;
import io.hitorflop.launcher.Component;
import io.hitorflop.localstack.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stack runs from a copy of the packaged programs in the state directory, so a rebuild in the
 * working tree (which rewrites target/) never pulls jars from under running services.
 */
public final class AppSnapshot {

    private static final int ATTEMPTS = 6;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(10);

    private AppSnapshot() {
    }

    /** The packaged service directory ({@code target/quarkus-app}) of a service module. */
    public static Path packagedService(Path root, Component service) {
        return root.resolve(service.module()).resolve("target").resolve("quarkus-app");
    }

    /**
     * Copies each service's {@code target/quarkus-app} and the launcher jar with its {@code lib/}
     * into {@code <home>/app}. A build in the working tree may be rewriting target/ meanwhile: a
     * copy that fails, or during which a file changed, is thrown away and made again.
     */
    public static AppLayout take(Path root, Path home, Path launcherJar) {
        AppLayout layout = new AppLayout(home.resolve("app"));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Directories.deleteTree(layout.dir());
                boolean unchanged = true;
                for (Component service : Component.services()) {
                    Path source = packagedService(root, service);
                    String before = treeState(source);
                    copyTree(source, layout.dir().resolve(service.id()));
                    unchanged &= before.equals(treeState(source));
                }
                if (unchanged) {
                    Path launcherDir = layout.launcherJar().getParent();
                    Files.createDirectories(launcherDir);
                    Files.copy(launcherJar, layout.launcherJar(), StandardCopyOption.REPLACE_EXISTING);
                    copyTree(launcherJar.resolveSibling("lib"), launcherDir.resolve("lib"));
                    return layout;
                }
            } catch (IOException | UncheckedIOException e) {
                // retried below: a build was probably rewriting the directory
            }
            pause();
        }
        throw LauncherException.failed("could not copy the services' target/quarkus-app (a build keeps rewriting them?)");
    }

    /** Names, sizes and modification times of every file under a directory. */
    private static String treeState(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> entries = files.filter(Files::isRegularFile).sorted().map(file -> {
                try {
                    return file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            return String.join("\n", entries);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LauncherException.failed("interrupted");
        }
    }
}

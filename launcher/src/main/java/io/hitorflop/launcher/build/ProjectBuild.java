package io.hitorflop.launcher.build;

import io.hitorflop.launcher.LauncherException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Builds project modules through the Maven wrapper when what the launcher runs is missing or stale. */
public final class ProjectBuild {

    private final Path root;
    private final boolean noBuild;
    private final PrintStream messages;

    /** @param noBuild HITORFLOP_NO_BUILD=1: use the artifacts as they are, only fail when one is missing */
    public ProjectBuild(Path root, boolean noBuild, PrintStream messages) {
        this.root = root;
        this.noBuild = noBuild;
        this.messages = messages;
    }

    /** Packages {@code modules} (with the modules they build on) unless every artifact is newer than their sources. */
    public void ensureBuilt(List<String> modules, List<Path> artifacts) {
        if (noBuild) {
            for (Path artifact : artifacts) {
                if (!Files.exists(artifact)) {
                    throw LauncherException.failed(artifact + " is missing and HITORFLOP_NO_BUILD=1; run: "
                            + "./mvnw -B -ntp -DskipTests package");
                }
            }
            return;
        }
        if (!needsBuild(modules, artifacts)) {
            return;
        }
        SystemTools.ensureMediaTools(messages);
        List<String> arguments = List.of("-B", "-ntp", "-q", "-DskipTests", "package", "-pl", String.join(",", modules), "-am");
        messages.println("hitorflop: building (./mvnw " + String.join(" ", arguments) + ")");
        int exit = maven(arguments);
        if (exit != 0) {
            throw LauncherException.failed("the build failed (exit " + exit + ")");
        }
    }

    /** True when an artifact is missing or a source or pom it is built from changed after it was built. */
    public boolean needsBuild(List<String> modules, List<Path> artifacts) {
        Optional<FileTime> oldest = Optional.empty();
        for (Path artifact : artifacts) {
            if (!Files.exists(artifact)) {
                return true;
            }
            FileTime built = modified(artifact);
            oldest = oldest.filter(time -> time.compareTo(built) <= 0).or(() -> Optional.of(built));
        }
        FileTime builtAt = oldest.orElseThrow();
        List<Path> inputs = new ArrayList<>(List.of(root.resolve("pom.xml")));
        for (String module : ReactorModules.read(root).withUpstream(modules)) {
            inputs.add(root.resolve(module).resolve("pom.xml"));
            inputs.add(root.resolve(module).resolve("src").resolve("main"));
        }
        return inputs.stream().anyMatch(input -> newerThan(input, builtAt));
    }

    /** Runs the Maven wrapper in the project root with the terminal attached; answers its exit code. */
    public int maven(List<String> arguments) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>();
        command.add(root.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw LauncherException.failed("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LauncherException.failed("interrupted");
        }
    }

    private static boolean newerThan(Path input, FileTime time) {
        if (!Files.exists(input)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(input)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> modified(file).compareTo(time) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

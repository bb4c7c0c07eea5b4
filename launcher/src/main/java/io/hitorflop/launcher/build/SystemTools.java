package io.hitorflop.launcher.build;

import io.hitorflop.launcher.LauncherException;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the system tools the build and the tests call when they are missing: ffmpeg and ffprobe
 * (the services, the tests' generated songs), kubectl (deploy-tests renders the Kubernetes overlays
 * with {@code kubectl kustomize}; Debian's package is kubernetes-client).
 */
public final class SystemTools {

    private SystemTools() {
    }

    public static void ensureMediaTools(PrintStream messages) {
        List<String> missing = new ArrayList<>();
        if (!onPath("ffmpeg") || !onPath("ffprobe")) {
            missing.add("ffmpeg");
        }
        install(missing, messages);
    }

    /** What {@code hitorflop test} needs: the media tools and kubectl. */
    public static void ensureTestTools(PrintStream messages) {
        ensureMediaTools(messages);
        if (!onPath("kubectl")) {
            install(List.of("kubernetes-client"), messages);
        }
    }

    private static void install(List<String> missing, PrintStream messages) {
        if (missing.isEmpty()) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw LauncherException.failed("please install: " + String.join(" ", missing));
        }
        messages.println("hitorflop: installing " + String.join(" ", missing) + " with apt-get");
        run(List.of("apt-get", "update", "-qq"));
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(missing);
        run(install);
    }

    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw LauncherException.failed(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw LauncherException.failed("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LauncherException.failed("interrupted");
        }
    }
}

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
import java.util.TreeMap;

/**
 * Installs the system tools the build and the tests call when they are missing: ffmpeg and ffprobe
 * (audio), yt-dlp (ingest fetches a link to a web page, a YouTube video say, through it), node
 * (the dashboard's unit tests), chromium and chromedriver (the dashboard's browser tests), kubectl
 * (deploy-tests renders the Kubernetes overlays with {@code kubectl kustomize}), all Debian packages.
 */
public final class SystemTools {

    /** Program on the PATH -> the Debian package that installs it. */
    private static final Map<String, String> MEDIA = Map.of("ffmpeg", "ffmpeg", "ffprobe", "ffmpeg", "yt-dlp", "yt-dlp");
    private static final Map<String, String> TEST_ONLY = Map.of(
            "node", "nodejs", "chromium", "chromium", "chromedriver", "chromium-driver",
            "kubectl", "kubernetes-client");

    private SystemTools() {
    }

    public static void ensureMediaTools(PrintStream messages) {
        ensure(MEDIA, messages);
    }

    /** Everything the whole test suite calls: the media tools, the dashboard's node and browser, kubectl. */
    public static void ensureTestTools(PrintStream messages) {
        Map<String, String> all = new TreeMap<>(MEDIA);
        all.putAll(TEST_ONLY);
        ensure(all, messages);
    }

    private static void ensure(Map<String, String> packageByProgram, PrintStream messages) {
        List<String> missing = packageByProgram.entrySet().stream().filter(program -> !onPath(program.getKey()))
                .map(Map.Entry::getValue).distinct().sorted().toList();
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

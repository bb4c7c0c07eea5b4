package io.hitorflop.e2e;

import io.hitorflop.e2e.harness.StackProcesses;
import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.LauncherSettings;
import io.hitorflop.launcher.build.PackagedApps;
import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.Replicas;
import io.hitorflop.launcher.ServiceInstance;
import io.hitorflop.launcher.stack.LocalStack;
import io.hitorflop.localstack.Directories;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack exactly as {@code ./hitorflop up} runs it, through the launcher's own {@link LocalStack}
 * and supervisor, in this JVM: its state in a directory of its own, every port asked from the OS
 * at run time (port 0), the jars the Maven build just packaged ({@code HITORFLOP_NO_BUILD=1}).
 */
final class LauncherStack implements AutoCloseable {

    private final Path home;
    private final LocalStack stack;
    private final PrintStream launcherLog;

    private LauncherStack(Path home, LocalStack stack, PrintStream launcherLog) {
        this.home = home;
        this.stack = stack;
        this.launcherLog = launcherLog;
    }

    static LauncherStack up(Path root, Path home) throws IOException {
        return up(root, home, Map.of());
    }

    /** Starts the stack with launcher settings ({@code HITORFLOP_*} variables) added to the defaults. */
    static LauncherStack up(Path root, Path home, Map<String, String> settings) throws IOException {
        return up(root, home, settings, Replicas.ONE_EACH);
    }

    /** As {@link #up(Path, Path, Map)}, with {@code replicas} of feature and inference ({@code up --replicas}). */
    static LauncherStack up(Path root, Path home, Map<String, String> settings, Replicas replicas) throws IOException {
        Directories.deleteTree(home);
        Files.createDirectories(home);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HITORFLOP_HOME", home.toString());
        environment.put("HITORFLOP_NO_BUILD", "1");
        environment.put("HITORFLOP_JAVA_OPTS", "-Xmx512m");
        for (Component component : Component.values()) {
            // 0: up picks a free port for each (recorded in run/ports.env)
            environment.put("HITORFLOP_" + component.id().toUpperCase(Locale.ROOT) + "_PORT", "0");
        }
        environment.putAll(settings);
        LauncherSettings launcherSettings = LauncherSettings.from(root, environment);
        PrintStream launcherLog = new PrintStream(new FileOutputStream(home.resolve("launcher.log").toFile(), true),
                true, StandardCharsets.UTF_8);
        LauncherStack stack = new LauncherStack(home, new LocalStack(launcherSettings, launcherLog), launcherLog);
        try {
            stack.stack.up(launcherSettings.postgresUrl(), Optional.of(replicas), () -> PackagedApps.prepare(launcherSettings, launcherLog,
                    root.resolve("launcher/target/launcher.jar")));
        } catch (LauncherException e) {
            String logs = stack.logs();
            stack.close();
            throw new IllegalStateException("up failed: " + e.getMessage() + "\n" + logs);
        }
        return stack;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + stack.port(Component.ROUTER));
    }

    /** A service's own port, where its /q/** (health, metrics) is served: the router exposes only /v1. */
    URI serviceUri(String service) {
        return URI.create("http://127.0.0.1:" + stack.port(Component.valueOf(service.toUpperCase(Locale.ROOT))));
    }

    Path home() {
        return home;
    }

    StackProcesses processes() {
        return new StackProcesses(stack);
    }

    /** The launcher's own output and the last lines of every component log, for a failure message. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        Path launcherLogFile = home.resolve("launcher.log");
        if (Files.exists(launcherLogFile)) {
            all.append("== launcher\n").append(Files.readString(launcherLogFile));
        }
        for (ServiceInstance instance : stack.replicas().instances()) {
            all.append("== ").append(instance.name()).append('\n')
                    .append(stack.supervisor().logTail(instance.name())).append('\n');
        }
        return all.toString();
    }

    /** Stops the stack, when it was started, and checks that none of its processes outlived the stop. */
    static void downLeavingNothing(LauncherStack stack) {
        if (stack != null) {
            stack.close();
            assertThat(stack.leftoverProcesses()).as("processes left after down").isEmpty();
        }
    }

    /** PIDs of processes still running with this stack's state directory on their command line. */
    List<Long> leftoverProcesses() {
        String marker = "-Dhitorflop.home=" + home;
        String dataDir = home.resolve("data").toString();
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            String commandLine = process.info().commandLine().orElse("");
            if (process.pid() != ProcessHandle.current().pid()
                    && (commandLine.contains(marker) || commandLine.contains(dataDir))) {
                pids.add(process.pid());
            }
        });
        return pids;
    }

    @Override
    public void close() {
        stack.down(launcherLog);
        launcherLog.close();
    }
}

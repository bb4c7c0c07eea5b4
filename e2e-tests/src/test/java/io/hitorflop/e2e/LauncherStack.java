package io.hitorflop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack exactly as a user runs it: {@code ./hitorflop up} and {@code ./hitorflop down}, with
 * its state in a directory of its own and every port asked from the OS at run time. The jars are
 * the ones the Maven build just packaged ({@code HITORFLOP_NO_BUILD=1}).
 */
final class LauncherStack implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> PORTS = List.of("ROUTER", "INGEST", "RESULTS", "FEATURE", "INFERENCE", "KAFKA", "POSTGRES");

    private final Path root;
    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final int routerPort;

    private LauncherStack(Path root, Path home) {
        this.root = root;
        this.home = home;
        environment.put("HITORFLOP_HOME", home.toString());
        environment.put("HITORFLOP_NO_BUILD", "1");
        environment.put("HITORFLOP_JAVA_OPTS", "-Xmx512m");
        int[] ports = distinctFreePorts(PORTS.size());
        for (int i = 0; i < ports.length; i++) {
            environment.put("HITORFLOP_" + PORTS.get(i) + "_PORT", Integer.toString(ports[i]));
        }
        routerPort = Integer.parseInt(environment.get("HITORFLOP_ROUTER_PORT"));
    }

    static LauncherStack up(Path root, Path home) throws IOException, InterruptedException {
        return up(root, home, Map.of());
    }

    /** Starts the stack with launcher settings ({@code HITORFLOP_*} variables) added to the defaults. */
    static LauncherStack up(Path root, Path home, Map<String, String> settings) throws IOException, InterruptedException {
        deleteRecursively(home);
        Files.createDirectories(home);
        LauncherStack stack = new LauncherStack(root, home);
        stack.environment.putAll(settings);
        int exit = stack.launcher(UP_TIMEOUT, "up");
        if (exit != 0) {
            String logs = stack.logs();
            stack.close();
            throw new IllegalStateException("./hitorflop up exited " + exit + "\n" + logs);
        }
        return stack;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + routerPort);
    }

    /** A service's own port, where its /q/** (health, metrics) is served: the router exposes only /v1. */
    URI serviceUri(String service) {
        return URI.create("http://127.0.0.1:" + environment.get("HITORFLOP_" + service.toUpperCase(Locale.ROOT) + "_PORT"));
    }

    Path home() {
        return home;
    }

    /** The launcher's own output and the last lines of every component log, for a failure message. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        Path launcherLog = home.resolve("launcher.log");
        if (Files.exists(launcherLog)) {
            all.append("== launcher\n").append(Files.readString(launcherLog));
        }
        Path logDir = home.resolve("logs");
        if (Files.isDirectory(logDir)) {
            try (Stream<Path> logs = Files.list(logDir).sorted()) {
                for (Path log : logs.toList()) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    all.append("== ").append(log.getFileName()).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())))
                            .append('\n');
                }
            }
        }
        return all.toString();
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
    public void close() throws IOException, InterruptedException {
        int exit = launcher(DOWN_TIMEOUT, "down");
        if (exit != 0) {
            throw new IllegalStateException("./hitorflop down exited " + exit + "\n" + logs());
        }
    }

    private int launcher(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("hitorflop").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("launcher.log").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** Ports free now and distinct from each other: all sockets stay open until every port is known. */
    private static int[] distinctFreePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way once the socket object is gone
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}

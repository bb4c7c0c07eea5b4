package io.hitorflop.launcher.stack;

import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.LauncherSettings;
import io.hitorflop.launcher.stack.StackSupervisor.ChildSpec;
import io.hitorflop.localstack.FreePort;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack: Kafka, PostgreSQL (or an existing one), the four services and the router on
 * 127.0.0.1, run by a {@link StackSupervisor} over the state directory. The ports {@code up} used
 * are kept in {@code run/ports.env}, so later commands reach the same stack.
 */
public final class LocalStack {

    private static final Pattern READY_KAFKA = Pattern.compile("^READY kafka bootstrap\\.servers=(\\S+)");
    private static final Pattern READY_POSTGRES = Pattern.compile(
            "^READY postgres jdbc\\.url=(\\S+) username=(\\S+) password=(\\S*)");
    private static final Pattern READY_ROUTER = Pattern.compile("^router ready on ");

    private final LauncherSettings settings;
    private final StackSupervisor supervisor;
    private final PrintStream messages;
    private final Path portsFile;
    private final Path externalPostgresFile;

    /** @param messages where progress goes ({@code hitorflop: ...} lines; the launcher's stderr) */
    public LocalStack(LauncherSettings settings, PrintStream messages) {
        this.settings = settings;
        this.supervisor = new StackSupervisor(settings.home(), settings.stopTimeout());
        this.messages = messages;
        this.portsFile = supervisor.runDir().resolve("ports.env");
        this.externalPostgresFile = supervisor.runDir().resolve("external-postgres");
    }

    public StackSupervisor supervisor() {
        return supervisor;
    }

    /** The ports of the running stack as {@code up} recorded them, else the configured ones. */
    public Map<Component, Integer> ports() {
        Map<Component, Integer> ports = new EnumMap<>(settings.defaultPorts());
        if (Files.isRegularFile(portsFile)) {
            Properties recorded = new Properties();
            try (var reader = Files.newBufferedReader(portsFile)) {
                recorded.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Component component : Component.values()) {
                Optional.ofNullable(recorded.getProperty(portVariable(component)))
                        .ifPresent(port -> ports.put(component, Integer.parseInt(port.trim())));
            }
        }
        return ports;
    }

    public int port(Component component) {
        return ports().get(component);
    }

    public boolean routerAnswers() {
        return Health.routerAnswers(port(Component.ROUTER));
    }

    /** How the services reach PostgreSQL. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    /** The stack's PostgreSQL: the one {@code up} was given, else the one it started (its READY line). */
    public Database database() {
        Optional<String> external = externalPostgres();
        if (external.isPresent()) {
            return new Database(external.get(), settings.postgresUser(), settings.postgresPassword());
        }
        Matcher ready = supervisor.firstMatch(Component.POSTGRES.id(), READY_POSTGRES)
                .orElseThrow(() -> new IllegalStateException("postgres has not started"));
        return new Database(ready.group(1), ready.group(2), ready.group(3));
    }

    /** The broker's bootstrap servers, as its READY line printed them. */
    public String kafkaBootstrapServers() {
        return supervisor.firstMatch(Component.KAFKA.id(), READY_KAFKA)
                .orElseThrow(() -> new IllegalStateException("kafka has not started")).group(1);
    }

    public Optional<String> externalPostgres() {
        try {
            return Files.isRegularFile(externalPostgresFile)
                    ? Optional.of(Files.readString(externalPostgresFile).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts every component and waits until all are healthy; {@code prepareApps} builds and
     * snapshots the programs, called only when something has to start. A component that fails
     * to start stops the whole stack again.
     */
    public void up(Optional<String> postgresUrl, Supplier<AppLayout> prepareApps) {
        createDirectories();
        List<String> running = Component.ids().stream().filter(id -> supervisor.running(id).isPresent()).toList();
        boolean external = externalPostgres().isPresent();
        if (running.size() == Component.values().length
                || (external && running.size() == Component.values().length - 1)) {
            say("already up (router http://127.0.0.1:" + port(Component.ROUTER) + ", dashboard "
                    + dashboardUri(port(Component.ROUTER)) + ")");
            return;
        }
        if (!running.isEmpty()) {
            say("a partial stack is running (" + String.join(" ", running) + "); stopping it first");
            down(new PrintStream(PrintStream.nullOutputStream()));
        }
        deleteState();
        Map<Component, Integer> ports = withFreePortsForZero(settings.defaultPorts());
        for (Component component : Component.values()) {
            if (component == Component.POSTGRES && postgresUrl.isPresent()) {
                continue;
            }
            if (FreePort.isTaken(ports.get(component))) {
                throw LauncherException.failed("port " + ports.get(component) + " for " + component.id()
                        + " is already in use on 127.0.0.1; choose another with " + "HITORFLOP_"
                        + component.id().toUpperCase(Locale.ROOT) + "_PORT");
            }
        }
        savePorts(ports);
        AppLayout apps = prepareApps.get();
        try {
            start(postgresUrl, ports, apps);
        } catch (StackSupervisor.StartFailure e) {
            say(e.getMessage());
            say("stopping what was started");
            down(new PrintStream(PrintStream.nullOutputStream()));
            throw LauncherException.failed("up failed");
        }
        say("up: submit and poll at http://127.0.0.1:" + ports.get(Component.ROUTER) + "/v1/jobs  (state in "
                + settings.home() + ")");
        say("dashboard: " + dashboardUri(ports.get(Component.ROUTER)));
    }

    /** The page the router serves on its own origin (module dashboard). */
    public static URI dashboardUri(int routerPort) {
        return URI.create("http://127.0.0.1:" + routerPort + "/");
    }

    /** Port 0 asks for any free port: all of them are picked at once, so they differ from each other. */
    private static Map<Component, Integer> withFreePortsForZero(Map<Component, Integer> configured) {
        Map<Component, Integer> ports = new EnumMap<>(configured);
        List<Component> unset = ports.keySet().stream().filter(component -> ports.get(component) == 0).toList();
        int[] free = FreePort.distinct(unset.size());
        for (int i = 0; i < free.length; i++) {
            ports.put(unset.get(i), free[i]);
        }
        return ports;
    }

    private void start(Optional<String> postgresUrl, Map<Component, Integer> ports, AppLayout apps) {
        Path data = settings.home().resolve("data");
        say("starting kafka on 127.0.0.1:" + ports.get(Component.KAFKA));
        supervisor.start(infra(Component.KAFKA, data, ports, apps));
        if (postgresUrl.isPresent()) {
            write(externalPostgresFile, postgresUrl.get());
            say("using the existing PostgreSQL at " + postgresUrl.get());
        } else {
            say("starting postgres on 127.0.0.1:" + ports.get(Component.POSTGRES));
            supervisor.start(infra(Component.POSTGRES, data, ports, apps));
            supervisor.awaitLogLine(Component.POSTGRES.id(), READY_POSTGRES, settings.startupTimeout());
        }
        Database postgres = database();
        String bootstrap = supervisor.awaitLogLine(Component.KAFKA.id(), READY_KAFKA, settings.startupTimeout()).group(1);
        List<String> database = List.of("-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=" + postgres.username(),
                "-Dquarkus.datasource.password=" + postgres.password());
        Path home = settings.home();
        Map<String, String> resultsEnvironment = new java.util.HashMap<>(settings.componentEnvironment());
        resultsEnvironment.put("HITORFLOP_RESULTS_WEBHOOKS_SECRET", webhookSecret());
        service(Component.RESULTS, ports, apps, bootstrap, database, resultsEnvironment);
        service(Component.INGEST, ports, apps, bootstrap, concat(database,
                List.of("-Dquarkus.http.limits.max-body-size=" + settings.maxUploadBytes(),
                        "-Dhitorflop.ingest.work-dir=" + home.resolve("ingest"),
                        "-Dhitorflop.audio-store.dir=" + home.resolve("audio-store"))), settings.componentEnvironment());
        service(Component.FEATURE, ports, apps, bootstrap,
                List.of("-Dhitorflop.audio-store.dir=" + home.resolve("audio-store")), settings.componentEnvironment());
        service(Component.INFERENCE, ports, apps, bootstrap, List.of(), settings.componentEnvironment());
        say("starting router on 127.0.0.1:" + ports.get(Component.ROUTER));
        supervisor.start(new ChildSpec(Component.ROUTER.id(), concat(java(), List.of("-cp",
                apps.launcherJar().toString(), "io.hitorflop.launcher.router.RouterMain",
                "--port", ports.get(Component.ROUTER).toString(),
                "--ingest", "http://127.0.0.1:" + ports.get(Component.INGEST),
                "--results", "http://127.0.0.1:" + ports.get(Component.RESULTS),
                "--max-body-size", Long.toString(settings.maxUploadBytes()))), settings.componentEnvironment()));
        supervisor.awaitLogLine(Component.ROUTER.id(), READY_ROUTER, settings.startupTimeout());
        for (Component service : Component.services()) {
            int port = ports.get(service);
            supervisor.awaitReady(service.id(), () -> Health.serviceReady(port),
                    "GET http://127.0.0.1:" + port + "/q/health/ready", settings.startupTimeout());
            say(service.id() + " is ready");
        }
    }

    private ChildSpec infra(Component component, Path data, Map<Component, Integer> ports, AppLayout apps) {
        return new ChildSpec(component.id(), concat(java(), List.of("-cp", apps.launcherJar().toString(),
                "io.hitorflop.localstack.LocalStackMain", component.id(),
                "--dir", data.resolve(component.id()).toString(), "--port", ports.get(component).toString())),
                settings.componentEnvironment());
    }

    private void service(Component service, Map<Component, Integer> ports, AppLayout apps, String bootstrap,
            List<String> properties, Map<String, String> environment) {
        say("starting " + service.module() + " on :" + ports.get(service));
        List<String> command = new ArrayList<>(java());
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dkafka.bootstrap.servers=" + bootstrap);
        command.add("-Dquarkus.http.port=" + ports.get(service));
        command.addAll(properties);
        command.add("-jar");
        command.add(apps.serviceJar(service).toString());
        supervisor.start(new ChildSpec(service.id(), command, environment));
    }

    /**
     * The java command every component starts with; {@code -Dhitorflop.home} marks the processes
     * of this state directory for people (and tools) reading a process list.
     */
    private List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dhitorflop.home=" + settings.home());
        command.addAll(settings.javaOptions());
        return command;
    }

    /** Stops every component in reverse start order, also those a killed launcher left behind. */
    public void down(PrintStream out) {
        List<Component> reverse = new ArrayList<>(List.of(Component.values()));
        java.util.Collections.reverse(reverse);
        for (Component component : reverse) {
            if (supervisor.stop(component.id())) {
                out.println("stopped " + component.id());
            }
        }
        OrphanPostgres.stop(settings.home().resolve("data").resolve("postgres"), settings.stopTimeout(), out);
        deleteState();
        say("down");
    }

    /** Prints one line per component; 0 when anything runs, 1 when nothing does. */
    public int status(PrintStream out) {
        Map<Component, Integer> ports = ports();
        Optional<String> external = externalPostgres();
        String format = "%-10s %-8s %-7s %-6s %s%n";
        out.printf(Locale.ROOT, format, "component", "pid", "state", "port", "health");
        boolean any = false;
        for (Component component : Component.values()) {
            if (component == Component.POSTGRES && external.isPresent()) {
                out.printf(Locale.ROOT, format, "postgres", "-", "external", "-", external.get());
                continue;
            }
            Optional<ProcessHandle> process = supervisor.running(component.id());
            int port = ports.get(component);
            if (process.isPresent()) {
                any = true;
                String health = switch (component) {
                    case KAFKA, POSTGRES -> "-";
                    case ROUTER -> Health.routerAnswers(port) ? "UP" : "DOWN";
                    default -> Health.serviceReady(port) ? "UP" : "DOWN";
                };
                out.printf(Locale.ROOT, format, component.id(), process.get().pid(), "running", port, health);
            } else {
                out.printf(Locale.ROOT, format, component.id(), "-", "stopped", port, "-");
            }
        }
        return any ? 0 : 1;
    }

    /**
     * Webhooks are signed (Standard Webhooks) with a secret kept in the state directory, made on
     * first use; HITORFLOP_RESULTS_WEBHOOKS_SECRET overrides it.
     */
    private String webhookSecret() {
        if (settings.webhookSecret().isPresent()) {
            return settings.webhookSecret().get();
        }
        Path file = settings.home().resolve("webhook-secret");
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, "whsec_" + Base64.getEncoder().encodeToString(key) + "\n");
                OwnerOnly.restrict(file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void savePorts(Map<Component, Integer> ports) {
        StringBuilder lines = new StringBuilder();
        for (Component component : Component.values()) {
            lines.append(portVariable(component)).append('=').append(ports.get(component)).append('\n');
        }
        write(portsFile, lines.toString());
    }

    private static String portVariable(Component component) {
        return component.id().toUpperCase(Locale.ROOT) + "_PORT";
    }

    private void createDirectories() {
        try {
            for (String dir : List.of("run", "logs", "data", "audio-store", "ingest")) {
                Files.createDirectories(settings.home().resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteState() {
        try {
            Files.deleteIfExists(portsFile);
            Files.deleteIfExists(externalPostgresFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private void say(String message) {
        messages.println("hitorflop: " + message);
    }
}

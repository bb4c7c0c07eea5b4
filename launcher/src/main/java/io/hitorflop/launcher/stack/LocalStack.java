package io.hitorflop.launcher.stack;

import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.LauncherSettings;
import io.hitorflop.launcher.Replicas;
import io.hitorflop.launcher.ServiceInstance;
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
    private static final List<String> QUICK_COMPILER = List.of("-XX:TieredStopAtLevel=1");

    private final LauncherSettings settings;
    private final ServiceMemory memory = ServiceMemory.ofDeployment();
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
        Properties recorded = recordedPorts();
        for (Component component : Component.values()) {
            Optional.ofNullable(recorded.getProperty(new ServiceInstance(component, 1).portVariable()))
                    .ifPresent(port -> ports.put(component, Integer.parseInt(port.trim())));
        }
        return ports;
    }

    public int port(Component component) {
        return ports().get(component);
    }

    /** The port of one instance ({@code feature}, {@code feature-2}) as {@code up} recorded it. */
    public int port(ServiceInstance instance) {
        if (instance.replica() == 1) {
            return port(instance.component());
        }
        return Optional.ofNullable(recordedPorts().getProperty(instance.portVariable())).map(port -> Integer.parseInt(port.trim()))
                .orElseThrow(() -> new IllegalStateException(instance.name() + " is not part of the recorded stack"));
    }

    /** The replicas {@code up} started, as recorded with their ports; one each when nothing is recorded. */
    public Replicas replicas() {
        Properties recorded = recordedPorts();
        Map<Component, Integer> counts = new EnumMap<>(Component.class);
        for (ServiceInstance instance : Replicas.everyPossibleInstance()) {
            if (recorded.getProperty(instance.portVariable()) != null) {
                counts.merge(instance.component(), 1, Integer::sum);
            }
        }
        counts.replaceAll((component, count) -> Math.max(1, count));
        return new Replicas(counts);
    }

    private Properties recordedPorts() {
        Properties recorded = new Properties();
        if (Files.isRegularFile(portsFile)) {
            try (var reader = Files.newBufferedReader(portsFile)) {
                recorded.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return recorded;
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
     * to start stops the whole stack again. {@code replicas} empty: the stack that runs, if any,
     * else one instance each; given: a running stack with other replicas is stopped first.
     */
    public void up(Optional<String> postgresUrl, Optional<Replicas> replicas, Supplier<AppLayout> prepareApps) {
        createDirectories();
        Replicas wanted = replicas.orElseGet(this::replicas);
        boolean external = externalPostgres().isPresent();
        List<String> running = runningInstances();
        List<String> expected = wanted.instances().stream()
                .filter(instance -> !(external && instance.component() == Component.POSTGRES))
                .map(ServiceInstance::name).toList();
        if (!running.isEmpty() && running.size() == expected.size() && running.containsAll(expected)) {
            say("already up (router http://127.0.0.1:" + port(Component.ROUTER) + ", dashboard "
                    + dashboardUri(port(Component.ROUTER)) + replicasNote(wanted) + ")");
            return;
        }
        if (!running.isEmpty()) {
            say((expected.containsAll(running) ? "a partial stack is running (" : "a stack with other replicas is running (")
                    + String.join(" ", running) + "); stopping it first");
            down(new PrintStream(PrintStream.nullOutputStream()));
        }
        deleteState();
        Map<String, Integer> ports = withFreePortsForZero(wanted);
        for (ServiceInstance instance : wanted.instances()) {
            if (instance.component() == Component.POSTGRES && postgresUrl.isPresent()) {
                continue;
            }
            if (FreePort.isTaken(ports.get(instance.name()))) {
                throw LauncherException.failed("port " + ports.get(instance.name()) + " for " + instance.name()
                        + " is already in use on 127.0.0.1; choose another with " + "HITORFLOP_"
                        + instance.component().id().toUpperCase(Locale.ROOT) + "_PORT");
            }
        }
        savePorts(wanted, ports);
        AppLayout apps = prepareApps.get();
        try {
            start(postgresUrl, wanted, ports, apps);
        } catch (StackSupervisor.StartFailure e) {
            say(e.getMessage());
            say("stopping what was started");
            down(new PrintStream(PrintStream.nullOutputStream()));
            throw LauncherException.failed("up failed");
        }
        say("up: submit and poll at http://127.0.0.1:" + ports.get(Component.ROUTER.id()) + "/v1/jobs  (state in "
                + settings.home() + replicasNote(wanted) + ")");
        say("dashboard: " + dashboardUri(ports.get(Component.ROUTER.id())));
    }

    private static String replicasNote(Replicas replicas) {
        return replicas.equals(Replicas.ONE_EACH) ? "" : "; replicas " + replicas;
    }

    /** The instances of any size of stack that run now, in start order. */
    private List<String> runningInstances() {
        return Replicas.everyPossibleInstance().stream().map(ServiceInstance::name)
                .filter(name -> supervisor.running(name).isPresent()).toList();
    }

    /** The page the router serves on its own origin (module dashboard). */
    public static URI dashboardUri(int routerPort) {
        return URI.create("http://127.0.0.1:" + routerPort + "/");
    }

    /**
     * Each instance's port: a component's first instance on its configured port, further replicas
     * on free ports. Port 0 asks for any free port: all of them are picked at once, so they differ
     * from each other.
     */
    private Map<String, Integer> withFreePortsForZero(Replicas replicas) {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (ServiceInstance instance : replicas.instances()) {
            ports.put(instance.name(), instance.replica() == 1 ? settings.defaultPorts().get(instance.component()) : 0);
        }
        List<String> unset = ports.keySet().stream().filter(name -> ports.get(name) == 0).toList();
        int[] free = FreePort.distinct(unset.size());
        for (int i = 0; i < free.length; i++) {
            ports.put(unset.get(i), free[i]);
        }
        return ports;
    }

    private void start(Optional<String> postgresUrl, Replicas replicas, Map<String, Integer> ports, AppLayout apps) {
        Path data = settings.home().resolve("data");
        say("starting kafka on 127.0.0.1:" + ports.get(Component.KAFKA.id()));
        supervisor.start(infra(Component.KAFKA, data, ports, apps));
        if (postgresUrl.isPresent()) {
            write(externalPostgresFile, postgresUrl.get());
            say("using the existing PostgreSQL at " + postgresUrl.get());
        } else {
            say("starting postgres on 127.0.0.1:" + ports.get(Component.POSTGRES.id()));
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
        Map<Component, List<String>> properties = new EnumMap<>(Map.of(
                Component.RESULTS, database,
                Component.INGEST, concat(database, List.of("-Dquarkus.http.limits.max-body-size=" + settings.maxUploadBytes(),
                        "-Dhitorflop.ingest.work-dir=" + home.resolve("ingest"),
                        "-Dhitorflop.audio-store.dir=" + home.resolve("audio-store"))),
                Component.FEATURE, List.of("-Dhitorflop.audio-store.dir=" + home.resolve("audio-store")),
                Component.INFERENCE, List.of()));
        // Further replicas start once the rest is ready: the start-up peak stays that of a stack
        // without replicas (on 2 cores every JVM more slows the others' start), and a replica
        // joining a group that already consumes is how a scale-out happens anyway.
        List<ServiceInstance> firsts = replicas.instances().stream()
                .filter(instance -> instance.component().isService() && instance.replica() == 1).toList();
        List<ServiceInstance> further = replicas.instances().stream()
                .filter(instance -> instance.component().isService() && instance.replica() > 1).toList();
        for (ServiceInstance service : firsts) {
            service(service, ports.get(service.name()), apps, bootstrap, properties.get(service.component()),
                    service.component() == Component.RESULTS ? resultsEnvironment : settings.componentEnvironment());
        }
        say("starting router on 127.0.0.1:" + ports.get(Component.ROUTER.id()));
        supervisor.start(new ChildSpec(Component.ROUTER.id(), concat(java(compilerOptions(Component.ROUTER)), List.of("-cp",
                apps.launcherJar().toString(), "io.hitorflop.launcher.router.RouterMain",
                "--port", ports.get(Component.ROUTER.id()).toString(),
                "--ingest", "http://127.0.0.1:" + ports.get(Component.INGEST.id()),
                "--results", "http://127.0.0.1:" + ports.get(Component.RESULTS.id()),
                "--max-body-size", Long.toString(settings.maxUploadBytes()))), settings.componentEnvironment()));
        supervisor.awaitLogLine(Component.ROUTER.id(), READY_ROUTER, settings.startupTimeout());
        awaitReady(firsts, ports);
        for (ServiceInstance replica : further) {
            service(replica, ports.get(replica.name()), apps, bootstrap, properties.get(replica.component()),
                    settings.componentEnvironment());
        }
        awaitReady(further, ports);
    }

    private void awaitReady(List<ServiceInstance> services, Map<String, Integer> ports) {
        for (ServiceInstance service : services) {
            int port = ports.get(service.name());
            supervisor.awaitReady(service.name(), () -> Health.serviceReady(port),
                    "GET http://127.0.0.1:" + port + "/q/health/ready", settings.startupTimeout());
            say(service.name() + " is ready");
        }
    }

    private ChildSpec infra(Component component, Path data, Map<String, Integer> ports, AppLayout apps) {
        return new ChildSpec(component.id(), concat(java(), List.of("-cp", apps.launcherJar().toString(),
                "io.hitorflop.localstack.LocalStackMain", component.id(),
                "--dir", data.resolve(component.id()).toString(), "--port", ports.get(component.id()).toString())),
                settings.componentEnvironment());
    }

    /** Starts one instance of a service: the settings of the service plus those that differ per instance. */
    private void service(ServiceInstance instance, int port, AppLayout apps, String bootstrap,
            List<String> properties, Map<String, String> environment) {
        say("starting " + instance.component().module() + (instance.replica() == 1 ? "" : " replica " + instance.replica())
                + " on :" + port);
        List<String> command = new ArrayList<>(java(concat(memory.javaOptions(instance.component()),
                compilerOptions(instance.component()))));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dkafka.bootstrap.servers=" + bootstrap);
        command.addAll(instance.systemProperties(port, settings.home()));
        command.addAll(properties);
        command.add("-jar");
        command.add(apps.serviceJar(instance.component()).toString());
        if (instance.component().isScalable()) {
            recreate(instance.temporaryDirectory(settings.home()));
        }
        Map<String, String> withMemory = new java.util.HashMap<>(environment);
        withMemory.putAll(memory.environment(System.getenv()));
        supervisor.start(new ChildSpec(instance.name(), command, withMemory));
    }

    /** An instance's own temporary directory, emptied of what an earlier (perhaps killed) process left. */
    private static void recreate(Path directory) {
        try {
            io.hitorflop.localstack.Directories.deleteTree(directory);
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The java command every component starts with; {@code -Dhitorflop.home} marks the processes
     * of this state directory for people (and tools) reading a process list.
     */
    private List<String> java() {
        return java(List.of());
    }

    private static List<String> compilerOptions(Component component) {
        return component.runsWellOnQuickCompiler() ? QUICK_COMPILER : List.of();
    }

    /** The java command with a component's own options first: HITORFLOP_JAVA_OPTS, after them, wins. */
    private List<String> java(List<String> componentOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dhitorflop.home=" + settings.home());
        command.addAll(componentOptions);
        command.addAll(settings.javaOptions());
        return command;
    }

    /**
     * Stops every component in reverse start order, also those a killed launcher left behind and
     * replicas whatever their number.
     */
    public void down(PrintStream out) {
        List<ServiceInstance> reverse = new ArrayList<>(Replicas.everyPossibleInstance());
        java.util.Collections.reverse(reverse);
        for (ServiceInstance instance : reverse) {
            if (supervisor.stop(instance.name())) {
                out.println("stopped " + instance.name());
            }
        }
        OrphanPostgres.stop(settings.home().resolve("data").resolve("postgres"), settings.stopTimeout(), out);
        deleteState();
        say("down");
    }

    /** Prints one line per component instance (each replica); 0 when anything runs, 1 when nothing does. */
    public int status(PrintStream out) {
        Optional<String> external = externalPostgres();
        List<ServiceInstance> instances = replicas().instances();
        int nameWidth = Math.max("component".length() + 1, instances.stream().mapToInt(instance -> instance.name().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s %-8s %-7s %-6s %s%n";
        out.printf(Locale.ROOT, format, "component", "pid", "state", "port", "health");
        boolean any = false;
        for (ServiceInstance instance : instances) {
            Component component = instance.component();
            if (component == Component.POSTGRES && external.isPresent()) {
                out.printf(Locale.ROOT, format, "postgres", "-", "external", "-", external.get());
                continue;
            }
            Optional<ProcessHandle> process = supervisor.running(instance.name());
            int port = port(instance);
            if (process.isPresent()) {
                any = true;
                String health = switch (component) {
                    case KAFKA, POSTGRES -> "-";
                    case ROUTER -> Health.routerAnswers(port) ? "UP" : "DOWN";
                    default -> Health.serviceReady(port) ? "UP" : "DOWN";
                };
                out.printf(Locale.ROOT, format, instance.name(), process.get().pid(), "running", port, health);
            } else {
                out.printf(Locale.ROOT, format, instance.name(), "-", "stopped", port, "-");
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

    private void savePorts(Replicas replicas, Map<String, Integer> ports) {
        StringBuilder lines = new StringBuilder();
        for (ServiceInstance instance : replicas.instances()) {
            lines.append(instance.portVariable()).append('=').append(ports.get(instance.name())).append('\n');
        }
        write(portsFile, lines.toString());
    }

    private void createDirectories() {
        try {
            for (String dir : List.of("run", "logs", "data", "audio-store", "ingest", "tmp")) {
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

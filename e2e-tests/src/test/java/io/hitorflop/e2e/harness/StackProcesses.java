package io.hitorflop.e2e.harness;

import io.hitorflop.launcher.LauncherSettings;
import io.hitorflop.launcher.ServiceInstance;
import io.hitorflop.launcher.stack.Health;
import io.hitorflop.launcher.stack.LocalStack;
import io.hitorflop.launcher.stack.StackSupervisor;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The processes of a running stack, seen through the launcher's {@link StackSupervisor}, so a
 * harness can watch, kill and restart one component the way an orchestrator would, with the very
 * command line the launcher used.
 */
public final class StackProcesses {

    public static final List<String> SERVICES = List.of("ingest", "feature", "inference", "results");
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    private final LocalStack stack;
    private final StackSupervisor supervisor;

    public StackProcesses(LocalStack stack) {
        this.stack = stack;
        this.supervisor = stack.supervisor();
    }

    /** The stack {@code ./hitorflop up} runs with its state in {@code home}, found through that state. */
    public static StackProcesses ofRunningStack(Path home) {
        return new StackProcesses(new LocalStack(
                LauncherSettings.from(Path.of("").toAbsolutePath(), Map.of("HITORFLOP_HOME", home.toString())), System.err));
    }

    /** The component's process, present only while that very process runs. */
    public Optional<ProcessHandle> process(String component) {
        return supervisor.running(component);
    }

    /**
     * CPU time (user + system) of the component's process and its living descendants (ffmpeg), as the JDK reads it
     * from /proc/PID/stat; zero when it is not running. A descendant that has just exited counts nothing.
     */
    public Duration cpuTime(String component) {
        return process(component).map(process -> Stream.concat(Stream.of(process), process.descendants())
                .map(each -> each.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus)).orElse(Duration.ZERO);
    }

    public long pid(String component) {
        return running(component).pid();
    }

    /** Identity of a running process that survives pid reuse: pid plus start time. */
    public String identity(String component) {
        ProcessHandle process = running(component);
        return process.pid() + "@" + process.info().startInstant().map(Instant::toString).orElse("?");
    }

    /** The port of a component or of one replica ({@code feature-2}). */
    public int port(String component) {
        return stack.port(ServiceInstance.named(component));
    }

    /** Every component instance of the stack, replicas included ({@code feature}, {@code feature-2}, ...), in start order. */
    public List<String> components() {
        return stack.replicas().instances().stream().map(ServiceInstance::name).toList();
    }

    /** The services' instances, replicas included. */
    public List<String> serviceInstances() {
        return stack.replicas().instances().stream().filter(instance -> instance.component().isService())
                .map(ServiceInstance::name).toList();
    }

    public URI routerUri() {
        return URI.create("http://127.0.0.1:" + port("router"));
    }

    /** JDBC url, user and password of the stack's PostgreSQL. */
    public List<String> database() {
        LocalStack.Database database = stack.database();
        return List.of(database.jdbcUrl(), database.username(), database.password());
    }

    public String kafkaBootstrapServers() {
        return stack.kafkaBootstrapServers();
    }

    /** Processes any component started that are still running (ffmpeg, ffprobe, yt-dlp children). */
    public List<String> childProcesses(String component) {
        List<String> children = new ArrayList<>();
        process(component).ifPresent(process -> process.descendants()
                .forEach(child -> children.add(child.pid() + " " + child.info().commandLine().orElse("?"))));
        return children;
    }

    /** kill -9 of the component and everything it started, as a node or pod dying would. */
    public void kill9(String component) {
        supervisor.kill(component);
    }

    /**
     * A clean stop, as a rolling restart would: SIGTERM to the component's main process, whose
     * shutdown stops what it runs, then a wait until it and all its children are gone.
     */
    public void stop(String component) {
        supervisor.stop(component);
    }

    /** Starts the component again with its previous command line and environment plus {@code settings}. */
    public void start(String component, Map<String, String> settings) {
        supervisor.startAgain(component, settings);
    }

    /** Waits until a service answers its readiness check UP. */
    public void awaitReady(String component) {
        int port = port(component);
        supervisor.awaitReady(component, () -> Health.serviceReady(port), "GET /q/health/ready", RESTART_TIMEOUT);
    }

    /** Waits until the component (started afresh, with a fresh log) prints a line matching {@code pattern}. */
    public void awaitLogLine(String component, String pattern) {
        supervisor.awaitLogLine(component, Pattern.compile(pattern), RESTART_TIMEOUT);
    }

    /**
     * Memory now (kB) of the component and its children: the resident set and its high-water mark
     * from /proc/&lt;pid&gt;/status, and the proportional set size from /proc/&lt;pid&gt;/smaps_rollup,
     * which divides each shared page among the processes mapping it. Summed over PostgreSQL's
     * backends, RSS counts the shared buffers once per backend; PSS counts them once in all.
     */
    public Map<String, Long> memoryKb(String component) {
        long pid = pid(component);
        long rss = 0;
        long hwm = 0;
        long pss = 0;
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        for (long each : pids) {
            try {
                // all of a process's figures or none: one that exits midway would skew the sums
                List<String> status = Files.readAllLines(Path.of("/proc/" + each + "/status"));
                long eachPss = proportionalSetKb(each);
                for (String line : status) {
                    if (line.startsWith("VmRSS:")) {
                        rss += kilobytes(line);
                    } else if (line.startsWith("VmHWM:")) {
                        hwm += kilobytes(line);
                    }
                }
                pss += eachPss;
            } catch (IOException exited) {
                // a child that ended between listing and reading
            }
        }
        return Map.of("rssKb", rss, "hwmKb", hwm, "pssKb", pss);
    }

    private static long proportionalSetKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return kilobytes(line);
            }
        }
        throw new IOException("/proc/" + pid + "/smaps_rollup has no Pss line");
    }

    /** Runs jcmd against the component's JVM and returns its output. */
    public String jcmd(String component, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid(component))));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " did not finish");
        }
        return output;
    }

    private ProcessHandle running(String component) {
        return process(component).orElseThrow(() -> new IllegalStateException(component + " is not running"));
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}

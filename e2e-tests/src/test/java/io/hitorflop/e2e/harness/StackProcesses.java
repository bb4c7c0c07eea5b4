package io.hitorflop.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of a stack that {@code ./hitorflop up} started, found through its state directory
 * (run/&lt;component&gt;.pid, run/ports.env, logs/), so a harness can watch, kill and restart one
 * component the way an orchestrator would, with the very command line the launcher used.
 */
public final class StackProcesses {

    public static final List<String> SERVICES = List.of("ingest", "feature", "inference", "results");
    private static final Pattern READY_POSTGRES = Pattern.compile(
            "READY postgres jdbc\\.url=(\\S+) username=(\\S+) password=(\\S*)");
    private static final Pattern READY_KAFKA = Pattern.compile("READY kafka bootstrap\\.servers=(\\S+)");
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public StackProcesses(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run").resolve(component + ".pid")).trim());
    }

    /** The component's process, present only while that very process (with this state directory) runs. */
    public Optional<ProcessHandle> process(String component) throws IOException {
        String marker = "-Dhitorflop.home=" + home;
        return ProcessHandle.of(pid(component))
                .filter(process -> process.info().commandLine().orElse("").contains(marker));
    }

    /** Identity of a running process that survives pid reuse: pid plus start time. */
    public String identity(String component) throws IOException {
        ProcessHandle process = process(component).orElseThrow(() -> new IllegalStateException(component + " is not running"));
        return process.pid() + "@" + process.info().startInstant().map(Instant::toString).orElse("?");
    }

    public int port(String component) throws IOException {
        Properties ports = new Properties();
        try (var reader = Files.newBufferedReader(home.resolve("run/ports.env"))) {
            ports.load(reader);
        }
        return Integer.parseInt(ports.getProperty(component.toUpperCase(java.util.Locale.ROOT) + "_PORT").trim());
    }

    public URI routerUri() throws IOException {
        return URI.create("http://127.0.0.1:" + port("router"));
    }

    /** JDBC url, user and password of the stack's PostgreSQL, as its READY line printed them. */
    public List<String> database() throws IOException {
        Matcher matcher = READY_POSTGRES.matcher(Files.readString(home.resolve("logs/postgres.log")));
        if (!matcher.find()) {
            throw new IllegalStateException("no READY line in " + home.resolve("logs/postgres.log"));
        }
        return List.of(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    /** The broker's bootstrap servers, as its READY line printed them. */
    public String kafkaBootstrapServers() throws IOException {
        Matcher matcher = READY_KAFKA.matcher(Files.readString(home.resolve("logs/kafka.log")));
        if (!matcher.find()) {
            throw new IllegalStateException("no READY line in " + home.resolve("logs/kafka.log"));
        }
        return matcher.group(1);
    }

    /** Processes any component started that are still running (ffmpeg, ffprobe, yt-dlp children). */
    public List<String> childProcesses(String component) throws IOException {
        List<String> children = new ArrayList<>();
        process(component).ifPresent(process -> process.descendants()
                .forEach(child -> children.add(child.pid() + " " + child.info().commandLine().orElse("?"))));
        return children;
    }

    /** kill -9 of the component's whole process group, as a node or pod dying would. */
    public Launch kill9(String component) throws IOException, InterruptedException {
        Launch launch = launch(component);
        long pid = pid(component);
        signalGroup("KILL", pid);
        awaitGone(pid);
        return launch;
    }

    /**
     * A clean stop, as a rolling restart would: SIGTERM to the component's main process only, whose
     * shutdown stops what it runs (PostgreSQL by a fast shutdown; a SIGTERM straight to the
     * postmaster would be a smart shutdown, waiting for every client to disconnect), then a wait
     * until it and all its children are gone.
     */
    public Launch stop(String component) throws IOException, InterruptedException {
        Launch launch = launch(component);
        long pid = pid(component);
        List<ProcessHandle> children = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        awaitGone(pid);
        for (ProcessHandle child : children) {
            awaitGone(child.pid());
        }
        return launch;
    }

    /** How a component was started: what an orchestrator restarts it with. */
    public record Launch(List<String> commandLine, Map<String, String> environment) {
    }

    /**
     * Starts the component again with its previous command line and environment (the launcher
     * passes settings such as the egress allow-list in the environment), in a session of its own,
     * logging to its log.
     */
    public void start(String component, Launch launch) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(launch.commandLine());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process = builder
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/" + component + ".log").toFile()))
                .start();
        Files.writeString(home.resolve("run/" + component + ".pid"), process.pid() + "\n");
    }

    /** Waits until a service answers its readiness check UP (Kafka and PostgreSQL: until their READY line is new). */
    public void awaitReady(String component) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RESTART_TIMEOUT);
        URI ready = URI.create("http://127.0.0.1:" + port(component) + "/q/health/ready");
        while (Instant.now().isBefore(deadline)) {
            failIfExitedWhileStarting(component);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(component + " not ready after " + RESTART_TIMEOUT);
    }

    /** Waits until the component's log holds one more line matching {@code pattern} than {@code before}. */
    public void awaitLogLine(String component, String pattern, long before) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RESTART_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (countLogLines(component, pattern) > before) {
                return;
            }
            failIfExitedWhileStarting(component);
            Thread.sleep(300);
        }
        throw new IllegalStateException(component + " printed no new '" + pattern + "' in " + RESTART_TIMEOUT);
    }

    /**
     * Checks the pid alone, not {@link #process}: just after the start the command line can still be
     * the forking parent's (before exec), without this stack's marker.
     */
    private void failIfExitedWhileStarting(String component) throws IOException {
        if (!ProcessHandle.of(pid(component)).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException(component + " exited while starting; see " + home.resolve("logs/" + component + ".log"));
        }
    }

    public long countLogLines(String component, String pattern) throws IOException {
        Pattern regex = Pattern.compile(pattern);
        try (var lines = Files.lines(home.resolve("logs/" + component + ".log"), StandardCharsets.UTF_8)) {
            return lines.filter(line -> regex.matcher(line).find()).count();
        }
    }

    /** Resident set now and its high-water mark (kB) from /proc/&lt;pid&gt;/status, for the component and its children. */
    public Map<String, Long> memoryKb(String component) throws IOException {
        long pid = pid(component);
        long rss = 0;
        long hwm = 0;
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        for (long each : pids) {
            Path status = Path.of("/proc/" + each + "/status");
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss += kilobytes(line);
                    } else if (line.startsWith("VmHWM:")) {
                        hwm += kilobytes(line);
                    }
                }
            } catch (IOException exited) {
                // a child that ended between listing and reading
            }
        }
        return Map.of("rssKb", rss, "hwmKb", hwm);
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

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    private Launch launch(String component) throws IOException {
        long pid = pid(component);
        List<String> args = nulSeparated(Path.of("/proc/" + pid + "/cmdline"));
        if (!String.join(" ", args).contains("-Dhitorflop.home=" + home)) {
            throw new IllegalStateException(component + " (pid " + pid + ") is not a process of " + home);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : nulSeparated(Path.of("/proc/" + pid + "/environ"))) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return new Launch(args, environment);
    }

    private static List<String> nulSeparated(Path procFile) throws IOException {
        byte[] raw = Files.readAllBytes(procFile);
        List<String> values = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                values.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return values;
    }

    private static void signalGroup(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pid).redirectErrorStream(true).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    private static void awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Optional<ProcessHandle> still = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (still.isPresent()) {
            throw new IllegalStateException("pid " + pid + " still runs after the signal");
        }
    }
}

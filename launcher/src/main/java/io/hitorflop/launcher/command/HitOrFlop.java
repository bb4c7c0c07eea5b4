package io.hitorflop.launcher.command;

import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.LauncherSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./hitorflop}: the one command tree of the local run. Usage errors end with exit code 2,
 * a message and the usage; a failure the launcher can explain ends with 1 and one line.
 */
@Command(name = "hitorflop", mixinStandardHelpOptions = true, versionProvider = HitOrFlop.Version.class,
        description = "Runs HitOrFlop on this machine: the whole stack on 127.0.0.1, the analyze client, the tools.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, LogsCommand.class,
                AnalyzeCommand.class, FeaturesCommand.class, ScoreCommand.class, TrainCommand.class,
                TestCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
                "State (pids, logs, data, audio store) lives in .hitorflop/ (HITORFLOP_HOME); delete it to reset.",
                "Ports: router 8080, ingest 8081, results 8082, feature 8083, inference 8084, Kafka 19092,",
                "PostgreSQL 15432 (HITORFLOP_<NAME>_PORT). Uploads up to HITORFLOP_MAX_UPLOAD_BYTES (104857600).",
                "See docs/local-run.md."})
public final class HitOrFlop implements Runnable {

    private final Path root;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private LauncherSettings settings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public HitOrFlop(Path root, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.root = root;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("hitorflop.root", "")).toAbsolutePath();
        System.exit(execute(new HitOrFlop(root, System.getenv(), System.out, System.err), args));
    }

    /** Runs one command line and answers its exit code. */
    public static int execute(HitOrFlop launcher, String... args) {
        CommandLine commandLine = new CommandLine(launcher)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(launcher.out, true))
                .setErr(new PrintWriter(launcher.err, true))
                .setParameterExceptionHandler((exception, arguments) -> {
                    CommandLine failed = exception.getCommandLine();
                    failed.getErr().println(exception.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(exception, failed.getErr());
                    failed.usage(failed.getErr());
                    return failed.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((exception, line, parseResult) -> {
                    if (exception instanceof LauncherException explained) {
                        launcher.err.println("hitorflop: " + explained.getMessage());
                        return explained.exitCode();
                    }
                    throw exception;
                });
        return commandLine.execute(args);
    }

    /** No command: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** The environment's settings, checked the first time a command needs them. */
    public LauncherSettings settings() {
        if (settings == null) {
            settings = LauncherSettings.from(root, environment);
        }
        return settings;
    }

    public Path root() {
        return root;
    }

    public PrintStream out() {
        return out;
    }

    /** Progress and failure lines ({@code hitorflop: ...}). */
    public PrintStream err() {
        return err;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HitOrFlop.class.getPackage().getImplementationVersion();
            return new String[] {"hitorflop " + (version == null ? "(development build)" : version)};
        }
    }
}

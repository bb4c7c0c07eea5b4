package io.hitorflop.launcher.command;

import io.hitorflop.launcher.LauncherException;
import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.stack.LogTail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "The last lines (HITORFLOP_LOG_LINES, 50) of one component's log, or of all.")
public final class LogsCommand implements Runnable {

    @ParentCommand
    HitOrFlop launcher;

    @Parameters(arity = "0..1", paramLabel = "component", description = "one of: ${COMPLETION-CANDIDATES}",
            completionCandidates = ComponentNames.class)
    String component;

    @Option(names = {"-f", "--follow"}, description = "keep printing what is appended")
    boolean follow;

    @Override
    public void run() {
        Path logDir = launcher.settings().logDir();
        if (!Files.isDirectory(logDir)) {
            throw LauncherException.failed("no logs yet (" + logDir + ")");
        }
        List<Path> files;
        if (component != null) {
            Path log = logDir.resolve(component + ".log");
            if (!Files.isRegularFile(log)) {
                throw LauncherException.failed("no log for '" + component + "'; one of: "
                        + String.join(" ", Component.ids()));
            }
            files = List.of(log);
        } else {
            try (Stream<Path> logs = Files.list(logDir)) {
                files = logs.filter(file -> file.toString().endsWith(".log")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LogTail tail = new LogTail(files, launcher.out());
        tail.printLast(launcher.settings().logLines());
        if (follow) {
            tail.follow();
        }
    }

    static final class ComponentNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Component.ids().iterator();
        }
    }
}

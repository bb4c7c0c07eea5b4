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
        description = "The last lines (HITORFLOP_LOG_LINES, 50) of one component's log (a replica's: feature-2), or of all.")
public final class LogsCommand implements Runnable {

    @ParentCommand
    HitOrFlop launcher;

    @Parameters(arity = "0..1", paramLabel = "component",
            description = "one of: ${COMPLETION-CANDIDATES}, or a replica such as feature-2",
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
        List<Path> logs;
        try (Stream<Path> listed = Files.list(logDir)) {
            logs = listed.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = logs;
        if (component != null) {
            Path log = logDir.resolve(component + ".log");
            if (!logs.contains(log)) {
                // replicas have logs of their own (feature-2): the components, then any such log
                List<String> names = new java.util.ArrayList<>(Component.ids());
                logs.stream().map(file -> file.getFileName().toString().replaceFirst("\\.log$", ""))
                        .filter(name -> !names.contains(name)).forEach(names::add);
                throw LauncherException.failed("no log for '" + component + "'; one of: " + String.join(" ", names));
            }
            files = List.of(log);
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

package io.hitorflop.launcher.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Build if needed, start Kafka, PostgreSQL (or use URL), the four services and the router"
                + " on 127.0.0.1; wait until all are healthy.")
public final class UpCommand implements Runnable {

    @ParentCommand
    HitOrFlop launcher;

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "use this PostgreSQL (JDBC URL) instead of starting one (default: HITORFLOP_POSTGRES_URL)")
    String postgresUrl;

    @Override
    public void run() {
        Stacks.up(launcher, Stacks.of(launcher),
                Optional.ofNullable(postgresUrl).or(() -> launcher.settings().postgresUrl()));
    }
}

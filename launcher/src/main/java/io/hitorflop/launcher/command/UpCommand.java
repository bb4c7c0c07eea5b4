package io.hitorflop.launcher.command;

import io.hitorflop.launcher.Replicas;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

import java.util.Optional;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Build if needed, start Kafka, PostgreSQL (or use URL), the four services (feature and inference as --replicas"
                + " asks) and the router"
                + " on 127.0.0.1; wait until all are healthy.")
public final class UpCommand implements Runnable {

    @ParentCommand
    HitOrFlop launcher;

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "use this PostgreSQL (JDBC URL) instead of starting one (default: HITORFLOP_POSTGRES_URL)")
    String postgresUrl;

    @Option(names = "--replicas", paramLabel = "SERVICE=N[,SERVICE=N]", converter = ReplicasConverter.class,
            description = {"run N instances of feature and/or inference in their consumer group, e.g."
                    + " feature=2,inference=2 (1 to " + Replicas.MAX + ", the topics' partitions; each on a free port"
                    + " with its own log, shown by status and logs as feature-2 ...); default: what runs, else one each"})
    Replicas replicas;

    @Override
    public void run() {
        Stacks.up(launcher, Stacks.of(launcher),
                Optional.ofNullable(postgresUrl).or(() -> launcher.settings().postgresUrl()), Optional.ofNullable(replicas));
    }

    /** A malformed or impossible count is a usage error naming what is wrong. */
    static final class ReplicasConverter implements ITypeConverter<Replicas> {
        @Override
        public Replicas convert(String value) {
            try {
                return Replicas.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

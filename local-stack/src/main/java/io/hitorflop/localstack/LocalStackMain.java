package io.hitorflop.localstack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one server in the foreground until the process is stopped (SIGTERM or Ctrl-C stop the
 * server cleanly), printing one {@code READY ...} line once it serves; the launcher's supervisor
 * starts Kafka and PostgreSQL this way. A usage error ends with exit code 2.
 */
@Command(name = "LocalStackMain", mixinStandardHelpOptions = true,
        description = "kafka: a Kafka broker with the pipeline's topics created; postgres: a PostgreSQL server.")
public final class LocalStackMain implements Callable<Integer> {

    enum Server { KAFKA, POSTGRES }

    @Parameters(index = "0", paramLabel = "kafka|postgres")
    Server server;

    @Option(names = "--dir", required = true, paramLabel = "<directory>", description = "the server's state directory")
    Path dir;

    @Option(names = "--port", defaultValue = "0", paramLabel = "<port>",
            description = "port on 127.0.0.1 (default 0: a free one)")
    int port;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStackMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--port must be a number from 0 to 65535, got '" + port + "'");
        }
        AutoCloseable running = server == Server.KAFKA ? startKafka(dir, port) : startPostgres(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("stop failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "local-stack-stop"));
        stopped.await();
        return 0;
    }

    private static AutoCloseable startKafka(Path dir, int port) throws Exception {
        KafkaBroker broker = KafkaBroker.start(dir, port);
        broker.createPipelineTopics();
        System.out.println("READY kafka bootstrap.servers=" + broker.bootstrapServers());
        return broker;
    }

    private static AutoCloseable startPostgres(Path dir, int port) throws Exception {
        PostgresServer postgres = PostgresServer.start(dir, port);
        System.out.println("READY postgres jdbc.url=" + postgres.jdbcUrl() + " username=" + postgres.username()
                + " password=" + postgres.password());
        return postgres;
    }
}

package io.hitorflop.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for the launcher: runs one server in the foreground until the process is stopped
 * (SIGTERM or Ctrl-C stop the server cleanly), printing one {@code READY ...} line once it serves.
 * <pre>
 *   kafka    --dir D [--port P]   a Kafka broker with the pipeline's topics created
 *   postgres --dir D [--port P]   a PostgreSQL server
 * </pre>
 */
public final class LocalStackMain {

    private static final String USAGE = "usage: LocalStackMain (kafka|postgres) --dir <directory> [--port <port>]";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            fail(USAGE);
        }
        Path dir = null;
        int port = 0;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                fail("missing value for " + option + "\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--dir" -> dir = Path.of(value);
                case "--port" -> port = parsePort(value);
                default -> fail("unknown option " + option + "\n" + USAGE);
            }
        }
        if (dir == null) {
            fail("--dir is required\n" + USAGE);
        }
        AutoCloseable server = switch (args[0]) {
            case "kafka" -> startKafka(dir, port);
            case "postgres" -> startPostgres(dir, port);
            default -> {
                fail("unknown server " + args[0] + "\n" + USAGE);
                yield null;
            }
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stop failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "local-stack-stop"));
        stopped.await();
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

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("--port must be a number from 0 to 65535, got '" + value + "'");
        return -1;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private LocalStackMain() {
    }
}

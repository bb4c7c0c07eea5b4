package io.hitorflop.localstack.testing;

import io.hitorflop.contract.Topics;
import io.hitorflop.localstack.Directories;
import io.hitorflop.localstack.KafkaBroker;
import io.hitorflop.localstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Real Kafka (and, with init arg {@code postgres=true}, real PostgreSQL) for {@code @QuarkusTest}s:
 * <pre>
 *   &#64;WithTestResource(value = LocalStackTestResource.class, initArgs = &#64;ResourceArg(name = "postgres", value = "true"))
 * </pre>
 * The servers start once per test JVM, on free ports, with their state in
 * {@code target/local-stack-<random>} (so parallel test JVMs never share one), and stop when the
 * JVM exits, deleting that state. The pipeline's topics and their dead-letter topics are created
 * with {@link Topics#PARTITIONS} partitions. Set the environment variable
 * {@value #EXTERNAL_POSTGRES_URL} to use an existing PostgreSQL server instead, with
 * {@code HITORFLOP_TEST_POSTGRES_USER} and {@code HITORFLOP_TEST_POSTGRES_PASSWORD}.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_POSTGRES_URL = "HITORFLOP_TEST_POSTGRES_URL";

    private boolean withPostgres;

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = Boolean.parseBoolean(initArgs.getOrDefault("postgres", "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", SharedStack.kafka().bootstrapServers());
        // Services also set this in application.properties (Dev Services are decided at build time).
        config.put("quarkus.devservices.enabled", "false");
        if (withPostgres) {
            PostgresServer postgres = SharedStack.postgres();
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            config.put("quarkus.datasource.username", postgres.username());
            config.put("quarkus.datasource.password", postgres.password());
        }
        return config;
    }

    /** The servers outlive each test class: they belong to the JVM and stop at its exit. */
    @Override
    public void stop() {
    }

    /** Bootstrap servers of this JVM's broker, starting it if needed (for plain producers/consumers in tests). */
    public static String kafkaBootstrapServers() {
        return SharedStack.kafka().bootstrapServers();
    }

    private static final class SharedStack {

        private static final Path STATE = Path.of("target", "local-stack-" + UUID.randomUUID()).toAbsolutePath();
        private static KafkaBroker kafka;
        private static PostgresServer postgres;
        private static boolean stopHookInstalled;

        static synchronized KafkaBroker kafka() {
            if (kafka == null) {
                try {
                    kafka = KafkaBroker.start(stateDirectory().resolve("kafka"));
                    kafka.createPipelineTopics();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the test Kafka broker", e);
                }
            }
            return kafka;
        }

        static synchronized PostgresServer postgres() {
            if (postgres == null) {
                String externalUrl = System.getenv(EXTERNAL_POSTGRES_URL);
                try {
                    postgres = externalUrl != null && !externalUrl.isBlank()
                            ? PostgresServer.external(externalUrl, System.getenv("HITORFLOP_TEST_POSTGRES_USER"),
                                    System.getenv("HITORFLOP_TEST_POSTGRES_PASSWORD"))
                            : PostgresServer.start(stateDirectory().resolve("postgres"));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the test PostgreSQL server", e);
                }
            }
            return postgres;
        }

        /** World-searchable, because PostgreSQL runs as nobody when the tests run as root. */
        private static Path stateDirectory() throws IOException {
            Files.createDirectories(STATE);
            Files.setPosixFilePermissions(STATE, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (!stopHookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(SharedStack::stop, "local-stack-stop"));
                stopHookInstalled = true;
            }
            return STATE;
        }

        private static synchronized void stop() {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            try {
                Directories.deleteTree(STATE);
            } catch (IOException e) {
                System.err.println("could not delete " + STATE + ": " + e.getMessage());
            }
        }
    }
}

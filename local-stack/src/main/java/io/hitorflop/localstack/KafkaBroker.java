package io.hitorflop.localstack;

import io.hitorflop.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker in KRaft mode (one node acting as broker and controller), run as a
 * child JVM on 127.0.0.1. A child process because the broker needs Kafka's own jars at exactly the
 * version this module pins, while the services run with the kafka-clients their Quarkus BOM
 * manages; the broker's classpath is resolved at build time into {@code kafka-broker.classpath}.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Heap and JIT settings sized for a laptop or a 2-core CI runner; overridable by a system property. */
    public static final String JVM_OPTIONS_PROPERTY = "hitorflop.kafka.jvm-options";
    private static final String DEFAULT_JVM_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS_ON_RANDOM_PORTS = 3;

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on a free port with its state under {@code dir}. */
    public static KafkaBroker start(Path dir) throws IOException {
        return start(dir, 0);
    }

    /**
     * Starts a broker with its data, configuration and log ({@code kafka.log}) under {@code dir},
     * formatting the storage on first use; {@code port} 0 picks a free port. Returns once the
     * broker answers admin requests.
     */
    public static KafkaBroker start(Path dir, int port) throws IOException {
        Path home = dir.toAbsolutePath();
        Files.createDirectories(home);
        String classpath = brokerClasspath();
        int attempts = port == 0 ? START_ATTEMPTS_ON_RANDOM_PORTS : 1;
        IOException lastFailure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int brokerPort = port == 0 ? FreePort.pick() : port;
            try {
                return startOnce(home, classpath, brokerPort);
            } catch (IOException e) {
                // A random port may have been taken between picking and binding; try others.
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static KafkaBroker startOnce(Path home, String classpath, int brokerPort) throws IOException {
        int controllerPort = FreePort.pick();
        while (controllerPort == brokerPort) {
            controllerPort = FreePort.pick();
        }
        Path config = home.resolve("server.properties");
        Path data = home.resolve("data");
        Files.writeString(config, serverProperties(data, brokerPort, controllerPort), StandardCharsets.UTF_8);
        Path logConfig = home.resolve("log4j2.properties");
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
            Files.write(logConfig, in.readAllBytes());
        }
        Path log = home.resolve("kafka.log");
        List<String> java = javaCommand(classpath, logConfig);

        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format",
                    "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()));
            ChildProcess.run("kafka storage format", format, log, STARTUP_TIMEOUT);
        }

        List<String> run = new ArrayList<>(java);
        run.addAll(List.of(StdinWatchdogMain.class.getName(), "kafka.Kafka", config.toString()));
        ChildProcess process = ChildProcess.start("kafka broker", run, log);
        String bootstrapServers = FreePort.LOOPBACK + ":" + brokerPort;
        try {
            awaitReady(process, brokerPort, bootstrapServers);
        } catch (IOException | RuntimeException e) {
            process.close();
            throw e;
        }
        return new KafkaBroker(process, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates each topic with {@code partitions} partitions (replication 1); existing topics are kept. */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
            admin.createTopics(topics).values().values().forEach(KafkaBroker::awaitCreated);
        }
    }

    /**
     * The pipeline's topics ({@link Topics#ALL}) and the batches topic, their dead-letter topics,
     * and the batch rows' dead-letter topic, with {@link Topics#PARTITIONS} partitions.
     */
    public void createPipelineTopics() {
        List<String> topics = new ArrayList<>(Topics.ALL);
        topics.add(Topics.BATCHES);
        List.copyOf(topics).forEach(topic -> topics.add(Topics.deadLetterOf(topic)));
        topics.add(Topics.BATCH_ROWS_DEAD_LETTER);
        createTopics(topics, Topics.PARTITIONS);
    }

    private static void awaitCreated(KafkaFuture<Void> creation) {
        try {
            creation.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("topic creation failed: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Stops the broker cleanly (controlled shutdown) and waits for its process to end. */
    @Override
    public void close() {
        process.close();
    }

    private static String serverProperties(Path data, int brokerPort, int controllerPort) {
        String host = FreePort.LOOPBACK;
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                // The pipeline's topics have 6 partitions, so several replicas of a service can share the work.
                "num.partitions=6",
                "auto.create.topics.enable=true",
                // A single node can hold one replica of everything.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumers join a group at once instead of after the default 3 s delay.
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
    }

    private static List<String> javaCommand(String classpath, Path logConfig) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + logConfig);
        // Kafka's jars bring log4j2 as the SLF4J backend; name it so no other provider can win.
        command.add("-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider");
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    /** Kafka's jars as resolved at build time, plus this module's classes (for the watchdog main). */
    private static String brokerClasspath() throws IOException {
        String resolved;
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IOException("kafka-broker.classpath is missing; build local-stack with Maven first");
            }
            resolved = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        for (String entry : resolved.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IOException("Kafka broker jar " + entry + " is missing; run: mvn -B -ntp install -pl local-stack -am");
            }
        }
        return resolved + java.io.File.pathSeparator + ownClassesLocation();
    }

    private static Path ownClassesLocation() {
        String resource = StdinWatchdogMain.class.getName().replace('.', '/') + ".class";
        URL url = StdinWatchdogMain.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("cannot locate " + resource);
        }
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
            }
            Path classFile = Path.of(url.toURI());
            Path root = classFile;
            for (int depth = resource.split("/").length; depth > 0; depth--) {
                root = root.getParent();
            }
            return root;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate the local-stack classes from " + url, e);
        }
    }

    private static void awaitReady(ChildProcess process, int brokerPort, String bootstrapServers) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!accepts(brokerPort)) {
            checkStarting(process, deadline);
            sleep(200);
        }
        try (Admin admin = admin(bootstrapServers)) {
            while (true) {
                checkStarting(process, deadline);
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
    }

    private static void checkStarting(ChildProcess process, long deadline) throws IOException {
        if (!process.isAlive()) {
            throw process.failure("exited during start-up");
        }
        if (System.nanoTime() > deadline) {
            throw process.failure("not ready within " + STARTUP_TIMEOUT);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePort.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while waiting for the Kafka broker", e));
        }
    }
}

package io.hitorflop.launcher;

import java.util.List;
import java.util.stream.Stream;

/** The parts of the local stack, in start order; {@code down} stops them in reverse. */
public enum Component {
    KAFKA("kafka", 19092),
    POSTGRES("postgres", 15432),
    RESULTS("results", 8082),
    INGEST("ingest", 8081),
    FEATURE("feature", 8083),
    INFERENCE("inference", 8084),
    ROUTER("router", 8080);

    private final String id;
    private final int defaultPort;

    Component(String id, int defaultPort) {
        this.id = id;
        this.defaultPort = defaultPort;
    }

    /** The name in logs/&lt;id&gt;.log, run/&lt;id&gt;.pid and on the command line. */
    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** A Quarkus service, packaged by the Maven module {@code <id>-service}. */
    public boolean isService() {
        return this == RESULTS || this == INGEST || this == FEATURE || this == INFERENCE;
    }

    /**
     * A service that may run as several replicas in one consumer group: it only consumes a
     * partitioned topic, keeps no state of its own and serves no API the router routes to.
     */
    public boolean isScalable() {
        return this == FEATURE || this == INFERENCE;
    }

    /**
     * Whether the JVM's first-tier compiler alone (C1, {@code -XX:TieredStopAtLevel=1}) runs it well:
     * its work is HTTP, JSON, Kafka and JDBC calls, no numeric hot loop that C2's optimisations pay
     * for. On a machine whose cores the whole stack shares, C2 compiling these three took a fifth of
     * all CPU in the first 90 s of a load run (docs/performance.md, "The cold start's CPU");
     * feature (DSP) and inference (the ensemble and its Shapley values) keep C2, as Kafka keeps C1.
     */
    public boolean runsWellOnQuickCompiler() {
        return this == RESULTS || this == INGEST || this == ROUTER;
    }

    public String module() {
        return id + "-service";
    }

    public static List<Component> services() {
        return Stream.of(values()).filter(Component::isService).toList();
    }

    public static List<Component> scalable() {
        return Stream.of(values()).filter(Component::isScalable).toList();
    }

    public static List<String> ids() {
        return Stream.of(values()).map(Component::id).toList();
    }
}

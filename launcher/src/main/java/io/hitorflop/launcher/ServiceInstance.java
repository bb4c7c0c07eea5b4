package io.hitorflop.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One process of a component: replica 1 is named after the component ({@code feature}: its
 * log, pid and port variable are those of a stack without replicas), replica n after it and n
 * ({@code feature-2}).
 */
public record ServiceInstance(Component component, int replica) {

    public ServiceInstance {
        if (replica < 1 || replica > (component.isScalable() ? Replicas.MAX : 1)) {
            throw new IllegalArgumentException(component.id() + " has no replica " + replica);
        }
    }

    /** The name in logs/&lt;name&gt;.log, run/&lt;name&gt;.pid, {@code status} and {@code logs}. */
    public String name() {
        return replica == 1 ? component.id() : component.id() + "-" + replica;
    }

    /** Its key in run/ports.env: {@code FEATURE_PORT}, {@code FEATURE_2_PORT}. */
    public String portVariable() {
        return name().toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    /** The instance a name such as {@code inference-2} stands for. */
    public static ServiceInstance named(String name) {
        return Replicas.everyPossibleInstance().stream().filter(instance -> instance.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component instance is named '" + name + "'"));
    }

    /**
     * What must differ between the instances of one service (its system properties): the HTTP port
     * (health and metrics); for a scalable service also the Kafka client ids (prefixed with the
     * name, so the consumer group's members, the broker's quotas and logs tell the replicas apart;
     * the group id stays the service's, so they share the partitions) and {@code java.io.tmpdir}
     * (what a process unpacks there, ONNX Runtime's native library for one, is its own and a
     * killed replica's leftovers stay in its directory under the state directory). Neither service
     * is a transactional producer, so there is no transactional id to keep apart.
     */
    public List<String> systemProperties(int port, Path home) {
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.port=" + port));
        if (component.isScalable()) {
            properties.add("-Dmp.messaging.connector.smallrye-kafka.client-id-prefix=" + name() + "-");
            properties.add("-Djava.io.tmpdir=" + temporaryDirectory(home));
        }
        return properties;
    }

    public Path temporaryDirectory(Path home) {
        return home.resolve("tmp").resolve(name());
    }
}

package io.hitorflop.launcher.stack;

import io.hitorflop.launcher.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The deployment's memory rule for the local stack's service JVMs: what the container's limit
 * does to a JVM in compose and Kubernetes, {@code -XX:MaxRAM} does here, so the heap gets the same
 * {@code -XX:MaxRAMPercentage} of the same limit. The figures live in {@code service-memory.properties},
 * checked against docker-compose.yml by deploy-tests.
 *
 * @param limitMiB       each service's memory limit
 * @param heapPercentage the heap's share of the limit
 * @param collector      the collector option the JVM picks itself under such a limit
 * @param nativeMemory   options that hand native memory the JVM freed back to the system
 * @param mallocArenaMax glibc's {@code MALLOC_ARENA_MAX} for each service process
 */
public record ServiceMemory(Map<Component, Integer> limitMiB, int heapPercentage, String collector,
        List<String> nativeMemory, int mallocArenaMax) {

    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

    private static final String RESOURCE = "service-memory.properties";

    public ServiceMemory {
        limitMiB = Map.copyOf(limitMiB);
        nativeMemory = List.copyOf(nativeMemory);
    }

    public static ServiceMemory ofDeployment() {
        Properties properties = new Properties();
        try (InputStream in = ServiceMemory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Component, Integer> limits = new EnumMap<>(Component.class);
        for (Component service : Component.services()) {
            limits.put(service, Integer.parseInt(required(properties, service.id())));
        }
        return new ServiceMemory(limits, Integer.parseInt(required(properties, "heap-percentage")),
                required(properties, "gc"), List.of(required(properties, "native-memory").split("\\s+")),
                Integer.parseInt(required(properties, "malloc-arena-max")));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return value.trim();
    }

    /** The options that size one service's JVM as its container would be. */
    public List<String> javaOptions(Component service) {
        Integer limit = limitMiB.get(service);
        if (limit == null) {
            throw new IllegalArgumentException(service.id() + " is not a service with a memory limit");
        }
        List<String> options = new ArrayList<>(List.of("-XX:MaxRAM=" + limit + "m", "-XX:MaxRAMPercentage=" + heapPercentage,
                collector));
        options.addAll(nativeMemory);
        return options;
    }

    /** What a service process gets in its environment: the arena cap, unless {@code inherited} sets one. */
    public Map<String, String> environment(Map<String, String> inherited) {
        return inherited.containsKey(MALLOC_ARENA_MAX) ? Map.of() : Map.of(MALLOC_ARENA_MAX, Integer.toString(mallocArenaMax));
    }
}

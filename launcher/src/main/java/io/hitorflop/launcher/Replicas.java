package io.hitorflop.launcher;

import io.hitorflop.contract.Topics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How many instances of each component {@code up} runs ({@code --replicas feature=2,inference=2}):
 * only {@link Component#isScalable() scalable} services can have more than one, at most one per
 * partition of the topics they read; every other component runs once.
 */
public record Replicas(Map<Component, Integer> counts) {

    /** A consumer beyond the topic's partitions would get none and sit idle. */
    public static final int MAX = Topics.PARTITIONS;
    public static final Replicas ONE_EACH = new Replicas(Map.of());

    /** One instance is the default, so a count of 1 is left out: equal stacks are equal records. */
    public Replicas {
        Map<Component, Integer> more = new EnumMap<>(Component.class);
        counts.forEach((component, count) -> {
            if (count != 1) {
                more.put(component, count);
            }
        });
        counts = Map.copyOf(more);
    }

    /**
     * Reads {@code service=count[,service=count...]}; a message that says what is wrong otherwise
     * (an {@link IllegalArgumentException}).
     */
    public static Replicas parse(String text) {
        String scalable = Component.scalable().stream().map(Component::id).collect(Collectors.joining(" and "));
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected service=count pairs, e.g. feature=2,inference=2");
        }
        Map<Component, Integer> counts = new EnumMap<>(Component.class);
        for (String pair : text.split(",", -1)) {
            String[] nameAndCount = pair.trim().split("=", -1);
            if (nameAndCount.length != 2 || nameAndCount[0].isBlank()) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not service=count (e.g. feature=2)");
            }
            String name = nameAndCount[0].trim();
            Component component = Component.services().stream().filter(c -> c.id().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a service that can scale;"
                            + " one of: " + scalable));
            if (!component.isScalable()) {
                throw new IllegalArgumentException(name + " runs once: only " + scalable
                        + " can have replicas (consumers of partitioned topics without an API of their own)");
            }
            if (!nameAndCount[1].trim().matches("[0-9]{1,9}")
                    || Integer.parseInt(nameAndCount[1].trim()) < 1 || Integer.parseInt(nameAndCount[1].trim()) > MAX) {
                throw new IllegalArgumentException(name + "=" + nameAndCount[1].trim() + ": the count must be 1 to " + MAX
                        + " (the topics' partitions: a replica beyond them would sit idle)");
            }
            if (counts.put(component, Integer.parseInt(nameAndCount[1].trim())) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        return new Replicas(counts);
    }

    public int of(Component component) {
        return counts.getOrDefault(component, 1);
    }

    /** The component's instances, first to last. */
    public List<ServiceInstance> instances(Component component) {
        return IntStream.rangeClosed(1, of(component)).mapToObj(replica -> new ServiceInstance(component, replica)).toList();
    }

    /** Every instance of every component, in start order. */
    public List<ServiceInstance> instances() {
        List<ServiceInstance> all = new ArrayList<>();
        for (Component component : Component.values()) {
            all.addAll(instances(component));
        }
        return all;
    }

    /** Every instance name a stack can have (each scalable service up to {@link #MAX}), whatever runs now. */
    public static List<ServiceInstance> everyPossibleInstance() {
        Map<Component, Integer> most = new EnumMap<>(Component.class);
        Component.scalable().forEach(component -> most.put(component, MAX));
        return new Replicas(most).instances();
    }

    /** As {@code --replicas} takes it ({@code feature=2,inference=2}), the services at one instance left out. */
    @Override
    public String toString() {
        return Component.scalable().stream().filter(component -> of(component) > 1)
                .map(component -> component.id() + "=" + of(component)).collect(Collectors.joining(","));
    }
}

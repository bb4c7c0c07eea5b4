package io.hitorflop.service.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared {@code kafka.*} settings (Quarkus' {@code default-kafka-broker} map) narrowed to what
 * one kind of Kafka client understands, as a fresh map its caller adds its own settings to: a
 * client given a setting it does not know logs a warning for it.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** The entries of {@code kafka} whose key is among {@code configNames} (e.g. {@code ProducerConfig.configNames()}). */
    public static Map<String, Object> understoodBy(Set<String> configNames, Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (configNames.contains(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}

package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.hitorflop.deploy.keda.ScaledObject;
import io.hitorflop.deploy.keda.ScaledObject.KafkaTrigger;
import io.hitorflop.deploy.keda.ScaledObject.KafkaTriggerMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KEDA scales a consumer on the lag of the group and topic it names: if they drift from the
 * service's own settings, KEDA watches a group nobody reads and never scales. Compares each
 * ScaledObject with the service's application.properties: one trigger per consumer group the
 * service has (a channel added in its own group, with no trigger, would pile up lag unseen), and
 * a threshold above what one replica holds at once (its worker pool, or a whole poll for a batch
 * consumer), so KEDA adds a replica only when one is full.
 */
class KedaLagTriggersTest {

    private static final Pattern GROUP_ID = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");
    /** Kafka's max.poll.records when a channel does not set it. */
    private static final int KAFKA_DEFAULT_MAX_POLL_RECORDS = 500;

    /** One incoming channel of a service, as its application.properties configures it. */
    private record Channel(String name, String group, String topic, String offsetReset, int inFlightPerReplica) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature-service", "inference-service"})
    void everyConsumerGroupOfTheServiceHasATriggerOnItsOwnTopicAboveWhatAReplicaHolds(String service) throws IOException {
        Map<String, Channel> channels = incomingChannels(applicationProperties(service));
        ScaledObject scaledObject = (ScaledObject) StrictSchemas.read(
                Manifests.ofOverlay("production").named("ScaledObject", service));
        Map<String, KafkaTriggerMetadata> triggers = scaledObject.spec().triggers().stream().map(KafkaTrigger::metadata)
                .collect(Collectors.toMap(KafkaTriggerMetadata::consumerGroup, Function.identity()));

        assertThat(channels).as(service + " consumes").isNotEmpty();
        assertThat(triggers.keySet()).as("the groups KEDA watches").isEqualTo(channels.keySet());
        assertThat(scaledObject.spec().scaleTargetRef().name()).isEqualTo(service);
        for (Channel channel : channels.values()) {
            KafkaTriggerMetadata trigger = triggers.get(channel.group());
            assertThat(trigger.topic()).as(channel.name()).isEqualTo(channel.topic());
            assertThat(trigger.offsetResetPolicy()).as(channel.name()).isEqualTo(channel.offsetReset());
            assertThat(Integer.parseInt(trigger.lagThreshold())).as(channel.name() + ": lag per replica before KEDA adds one")
                    .isGreaterThan(channel.inFlightPerReplica());
            // KEDA reaches Kafka through the bootstrap Service the services use, by its cluster-wide name.
            String bootstrap = Manifests.ofOverlay("production").named("ConfigMap", "hitorflop-config")
                    .path("data").path("KAFKA_BOOTSTRAP_SERVERS").asString();
            assertThat(trigger.bootstrapServers()).isEqualTo(bootstrap.replace(":", ".hitorflop.svc:"));
            // A consumer beyond the topic's partitions would sit idle, so KEDA must not count on idle ones either.
            int partitions = Manifests.ofOverlay("production").ofKind("KafkaTopic").stream()
                    .filter(topic -> trigger.topic().equals(topic.at("/spec/topicName").asString()))
                    .findFirst().orElseThrow().at("/spec/partitions").asInt();
            assertThat(scaledObject.spec().maxReplicaCount()).isLessThanOrEqualTo(partitions);
            assertThat(trigger.allowIdleConsumers()).isNotEqualTo("true");
        }
        assertThat(scaledObject.spec().minReplicaCount()).isPositive();
    }

    @Test
    void aBatchConsumerHoldsAWholePollAndAnotherOneItsWorkerPool() {
        Properties properties = new Properties();
        properties.setProperty("smallrye.messaging.worker.scoring.max-concurrency", "2");
        properties.setProperty("smallrye.messaging.worker.explaining.max-concurrency", "1");
        properties.setProperty("mp.messaging.incoming.features-ready.group.id", "inference-service");
        properties.setProperty("mp.messaging.incoming.features-ready.topic", "hitorflop.features.ready");
        properties.setProperty("mp.messaging.incoming.features-ready.batch", "true");
        properties.setProperty("mp.messaging.incoming.features-ready.max.poll.records", "100");
        properties.setProperty("mp.messaging.incoming.features-to-explain.group.id", "inference-explanations");
        properties.setProperty("mp.messaging.incoming.features-to-explain.topic", "hitorflop.features.ready");
        properties.setProperty("mp.messaging.incoming.features-to-explain.auto.offset.reset", "earliest");

        Map<String, Channel> channels = incomingChannels(properties);

        assertThat(channels.get("inference-service").inFlightPerReplica()).isEqualTo(100);
        assertThat(channels.get("inference-explanations").inFlightPerReplica()).isEqualTo(2);
        assertThat(channels.get("inference-explanations").offsetReset()).isEqualTo("earliest");
        assertThat(channels.get("inference-service").offsetReset()).isEqualTo("latest");
    }

    /** The service's incoming channels with a consumer group, by group. */
    private static Map<String, Channel> incomingChannels(Properties properties) {
        // the worker pool a channel runs on is named in the code, so the largest pool bounds any channel
        int largestWorkerPool = properties.stringPropertyNames().stream()
                .filter(key -> key.matches("smallrye\\.messaging\\.worker\\.[^.]+\\.max-concurrency"))
                .mapToInt(key -> Integer.parseInt(properties.getProperty(key).trim())).max().orElse(1);
        Map<String, Channel> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher groupId = GROUP_ID.matcher(key);
            if (!groupId.matches()) {
                continue;
            }
            String prefix = "mp.messaging.incoming." + groupId.group(1) + ".";
            boolean batch = Boolean.parseBoolean(properties.getProperty(prefix + "batch", "false"));
            int inFlight = batch ? Integer.parseInt(properties.getProperty(prefix + "max.poll.records",
                    Integer.toString(KAFKA_DEFAULT_MAX_POLL_RECORDS)).trim()) : largestWorkerPool;
            Channel channel = new Channel(groupId.group(1), properties.getProperty(key).trim(),
                    properties.getProperty(prefix + "topic").trim(),
                    properties.getProperty(prefix + "auto.offset.reset", "latest").trim(), inFlight);
            assertThat(channels.put(channel.group(), channel)).as("two channels in group " + channel.group()).isNull();
        }
        return channels;
    }

    private static Properties applicationProperties(String service) throws IOException {
        Path file = Kustomize.repositoryRoot().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}

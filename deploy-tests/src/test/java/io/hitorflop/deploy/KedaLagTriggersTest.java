package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.hitorflop.deploy.keda.ScaledObject;
import io.hitorflop.deploy.keda.ScaledObject.KafkaTriggerMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KEDA scales a consumer on the lag of the group and topic it names: if they drift from the
 * service's own settings, KEDA watches a group nobody reads and never scales. Compares each
 * ScaledObject with the service's application.properties.
 */
class KedaLagTriggersTest {

    @ParameterizedTest
    @CsvSource({
            "feature-service, audio-ready, analysis",
            "inference-service, features-ready, scoring"})
    void theTriggerWatchesTheServicesOwnGroupAndTopic(String service, String channel, String workerPool) throws IOException {
        Properties properties = applicationProperties(service);
        String incoming = "mp.messaging.incoming." + channel + ".";
        ScaledObject scaledObject = (ScaledObject) StrictSchemas.read(
                Manifests.ofOverlay("production").named("ScaledObject", service));
        KafkaTriggerMetadata trigger = scaledObject.spec().triggers().get(0).metadata();

        assertThat(scaledObject.spec().triggers()).hasSize(1);
        assertThat(scaledObject.spec().scaleTargetRef().name()).isEqualTo(service);
        assertThat(trigger.consumerGroup()).isEqualTo(properties.getProperty(incoming + "group.id"));
        assertThat(trigger.topic()).isEqualTo(properties.getProperty(incoming + "topic"));
        assertThat(trigger.offsetResetPolicy()).isEqualTo(properties.getProperty(incoming + "auto.offset.reset"));
        // More than one replica's worth of records in flight before KEDA adds a replica.
        int inFlightPerReplica = Integer.parseInt(
                properties.getProperty("smallrye.messaging.worker." + workerPool + ".max-concurrency"));
        assertThat(Integer.parseInt(trigger.lagThreshold())).isGreaterThan(inFlightPerReplica);
        // KEDA reaches Kafka through the bootstrap Service the services use, by its cluster-wide name.
        String bootstrap = Manifests.ofOverlay("production").named("ConfigMap", "hitorflop-config")
                .path("data").path("KAFKA_BOOTSTRAP_SERVERS").asString();
        assertThat(trigger.bootstrapServers()).isEqualTo(bootstrap.replace(":", ".hitorflop.svc:"));
        // A consumer beyond the topic's partitions would sit idle.
        int partitions = Manifests.ofOverlay("production").ofKind("KafkaTopic").stream()
                .filter(topic -> trigger.topic().equals(topic.at("/spec/topicName").asString()))
                .findFirst().orElseThrow().at("/spec/partitions").asInt();
        assertThat(scaledObject.spec().maxReplicaCount()).isLessThanOrEqualTo(partitions);
        assertThat(scaledObject.spec().minReplicaCount()).isPositive();
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

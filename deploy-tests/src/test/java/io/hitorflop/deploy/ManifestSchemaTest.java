package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitorflop.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every manifest of every overlay, as kubectl renders it, read strictly into its model ({@link StrictSchemas}). */
class ManifestSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyRenderedManifestMatchesItsModel(String overlay) {
        Manifests manifests = Manifests.ofOverlay(overlay);

        assertThat(manifests.documents()).isNotEmpty();
        for (JsonNode manifest : manifests.documents()) {
            assertThat(StrictSchemas.read(manifest)).as(Manifests.describe(manifest)).isNotNull();
        }
    }

    @Test
    void productionHasTheOperatorsResources() {
        Manifests production = Manifests.ofOverlay("production");

        List<String> contractTopics = Stream.concat(Topics.ALL.stream(), Stream.of(Topics.BATCHES))
                .flatMap(topic -> Stream.of(topic, topic + Topics.DEAD_LETTER_SUFFIX))
                .collect(Collectors.toCollection(ArrayList::new));
        contractTopics.add(Topics.BATCH_ROWS_DEAD_LETTER);
        assertThat(production.ofKind("KafkaTopic")).extracting(topic -> topic.path("spec").path("topicName").asText())
                .containsExactlyInAnyOrderElementsOf(contractTopics);
        assertThat(production.ofKind("Kafka")).hasSize(1);
        assertThat(production.ofKind("KafkaNodePool")).hasSize(1);
        assertThat(production.ofKind("Gateway")).hasSize(1);
        assertThat(production.ofKind("HTTPRoute")).hasSize(2);
        assertThat(production.ofKind("ScaledObject")).hasSize(2);
    }

    // The negative tests: the same rendered manifests with one field misspelt must fail.

    @Test
    void aMisspeltContainerFieldFails() {
        ObjectNode deployment = copyOf("production", "Deployment", "ingest-service");
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("readinessProbes", container.remove("readinessProbe"));

        assertThatThrownBy(() -> StrictSchemas.read(deployment))
                .isInstanceOf(StrictSchemas.InvalidManifestException.class)
                .hasMessageContaining("Deployment/ingest-service")
                .hasMessageContaining("readinessProbes");
    }

    @Test
    void aMisspeltSecurityContextFieldFails() {
        ObjectNode deployment = copyOf("production", "Deployment", "results-service");
        ((ObjectNode) deployment.at("/spec/template/spec/securityContext")).put("runAsNonroot", true);

        assertThatThrownBy(() -> StrictSchemas.read(deployment)).hasMessageContaining("runAsNonroot");
    }

    @Test
    void aStringWhereTheSchemaHasAnIntegerFails() {
        ObjectNode deployment = copyOf("production", "Deployment", "feature-service");
        ((ObjectNode) deployment.get("spec")).put("replicas", "2");

        assertThatThrownBy(() -> StrictSchemas.read(deployment)).hasMessageContaining("replicas");
    }

    @Test
    void aMisspeltKafkaTopicFieldFails() {
        ObjectNode topic = copyOf("production", "KafkaTopic", "hitorflop-verdicts");
        ((ObjectNode) topic.get("spec")).set("partition", ((ObjectNode) topic.get("spec")).remove("partitions"));

        assertThatThrownBy(() -> StrictSchemas.read(topic))
                .hasMessageContaining("KafkaTopic/hitorflop-verdicts")
                .hasMessageContaining("partition");
    }

    @Test
    void aMisspeltHttpRouteFieldFails() {
        ObjectNode route = copyOf("production", "HTTPRoute", "hitorflop-api");
        ObjectNode firstRule = (ObjectNode) route.at("/spec/rules/0");
        firstRule.set("backendRef", firstRule.remove("backendRefs"));

        assertThatThrownBy(() -> StrictSchemas.read(route)).hasMessageContaining("backendRef");
    }

    @Test
    void aMisspeltKedaTriggerFieldFails() {
        ObjectNode scaledObject = copyOf("production", "ScaledObject", "feature-service");
        ObjectNode trigger = (ObjectNode) scaledObject.at("/spec/triggers/0/metadata");
        trigger.set("lagTreshold", trigger.remove("lagThreshold"));

        assertThatThrownBy(() -> StrictSchemas.read(scaledObject)).hasMessageContaining("lagTreshold");
    }

    @Test
    void anUnknownKindFails() {
        ObjectNode deployment = copyOf("production", "Deployment", "ingest-service");
        deployment.put("kind", "Deploymnet");

        assertThatThrownBy(() -> StrictSchemas.read(deployment)).hasMessageContaining("no model for apps/v1/Deploymnet");
    }

    @Test
    void anUnknownTopLevelFieldFails() {
        ObjectNode secret = copyOf("local", "Secret", "hitorflop-api-keys");
        secret.put("stringdata", "x");

        assertThatThrownBy(() -> StrictSchemas.read(secret)).hasMessageContaining("stringdata");
    }

    private static ObjectNode copyOf(String overlay, String kind, String name) {
        return (ObjectNode) Manifests.ofOverlay(overlay).named(kind, name).deepCopy();
    }
}

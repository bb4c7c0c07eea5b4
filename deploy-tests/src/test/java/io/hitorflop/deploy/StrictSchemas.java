package io.hitorflop.deploy;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.hitorflop.deploy.keda.ScaledObject;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a manifest into the typed model of its apiVersion and kind, failing on any field the model
 * does not have. The models: Kubernetes 1.37 (fabric8 kubernetes-model 8.0.0, generated from the
 * Kubernetes 1.37.0 OpenAPI schema), Gateway API v1 (fabric8 kubernetes-model-gatewayapi 8.0.0),
 * Strimzi 0.49.0's {@code api} module ({@code kafka.strimzi.io/v1}), and KEDA's ScaledObject
 * ({@code keda.sh/v1alpha1}, {@link ScaledObject}: no KEDA model is published on Maven Central, so a
 * strict model of the fields these manifests use).
 *
 * <p>Both libraries keep unknown fields in an "additional properties" map (a Jackson any-setter)
 * instead of refusing them; the mappers here drop every any-setter, so an unknown field fails, and
 * they refuse scalar coercion, so {@code replicas: "2"} fails too. Strimzi's model is annotated for
 * Jackson 2 and fabric8 8's for Jackson 3: each is read with its own Jackson.
 */
public final class StrictSchemas {

    /** apiVersion/kind to the model read with Jackson 3 (fabric8 8, and the KEDA model). */
    private static final Map<String, Class<?>> JACKSON3_MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("gateway.networking.k8s.io/v1/Gateway", Gateway.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", ScaledObject.class));

    /** apiVersion/kind to the Strimzi model, read with Jackson 2. */
    private static final Map<String, Class<?>> STRIMZI_MODELS = Map.of(
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class);

    private static final JsonMapper JACKSON3 = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(config -> config.setAcceptBlankAsEmpty(false))
            .addModule(new SimpleModule("no-any-setters").setDeserializerModifier(new ValueDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                        BeanDescription.Supplier description, BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON2 =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("no-any-setters")
                            .setDeserializerModifier(new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
                                @Override
                                public com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder updateBuilder(
                                        com.fasterxml.jackson.databind.DeserializationConfig config,
                                        com.fasterxml.jackson.databind.BeanDescription description,
                                        com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder builder) {
                                    builder.setAnySetter(null);
                                    return builder;
                                }
                            }))
                    .build();

    private StrictSchemas() {
    }

    /** The typed object of {@code manifest}; throws naming the manifest and the offending field otherwise. */
    public static Object read(JsonNode manifest) {
        String type = manifest.path("apiVersion").asString() + "/" + manifest.path("kind").asString();
        try {
            Class<?> jackson3Model = JACKSON3_MODELS.get(type);
            if (jackson3Model != null) {
                return JACKSON3.treeToValue(manifest, jackson3Model);
            }
            Class<?> strimziModel = STRIMZI_MODELS.get(type);
            if (strimziModel != null) {
                return JACKSON2.readValue(manifest.toString(), strimziModel);
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidManifestException(Manifests.describe(manifest) + ": " + e.getMessage(), e);
        }
        throw new InvalidManifestException(Manifests.describe(manifest) + ": no model for " + type
                + " (known: " + JACKSON3_MODELS.keySet() + ", " + STRIMZI_MODELS.keySet() + ")", null);
    }

    /** A manifest that does not match its model. */
    public static final class InvalidManifestException extends RuntimeException {
        InvalidManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.hitorflop.deploy.keda;

import java.util.List;

/**
 * KEDA's {@code ScaledObject} ({@code keda.sh/v1alpha1}), only the fields these manifests use, typed
 * after KEDA's CRD (keda.sh_scaledobjects.yaml) and the kafka scaler's documented metadata. KEDA
 * publishes no Java model on Maven Central; read by {@link io.hitorflop.deploy.StrictSchemas}, a field
 * outside this model fails, as does a trigger type other than kafka.
 */
public record ScaledObject(String apiVersion, String kind, Metadata metadata, Spec spec) {

    public record Metadata(String name, String namespace, java.util.Map<String, String> labels,
            java.util.Map<String, String> annotations) {
    }

    public record Spec(ScaleTargetRef scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
            Integer minReplicaCount, Integer maxReplicaCount, List<KafkaTrigger> triggers) {
    }

    /** The scaled workload: a Deployment by default. */
    public record ScaleTargetRef(String name, String apiVersion, String kind) {
    }

    public record KafkaTrigger(String type, KafkaTriggerMetadata metadata) {
        public KafkaTrigger {
            if (!"kafka".equals(type)) {
                throw new IllegalArgumentException("trigger type " + type + ": only kafka is modelled");
            }
        }
    }

    /** The kafka scaler's metadata; KEDA reads every value as a string. */
    public record KafkaTriggerMetadata(String bootstrapServers, String consumerGroup, String topic,
            String lagThreshold, String activationLagThreshold, String offsetResetPolicy,
            String allowIdleConsumers) {
    }
}

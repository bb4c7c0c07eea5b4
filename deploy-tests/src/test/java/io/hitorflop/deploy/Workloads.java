package io.hitorflop.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.databind.JsonNode;

/** The pod specs of the rendered workloads (Deployments' templates and bare Pods), by workload name. */
public final class Workloads {

    private Workloads() {
    }

    public static Map<String, PodSpec> podSpecs(Manifests manifests) {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        for (JsonNode manifest : manifests.ofKind("Deployment")) {
            Deployment deployment = (Deployment) StrictSchemas.read(manifest);
            pods.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec());
        }
        for (JsonNode manifest : manifests.ofKind("Pod")) {
            Pod pod = (Pod) StrictSchemas.read(manifest);
            pods.put(pod.getMetadata().getName(), pod.getSpec());
        }
        return pods;
    }
}

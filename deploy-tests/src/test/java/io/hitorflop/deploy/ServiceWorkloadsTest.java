package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** What every service's Deployment must carry besides Pod Security: probes, resources, secrets, a read-only root. */
class ServiceWorkloadsTest {

    private static final List<String> SERVICES =
            List.of("ingest-service", "feature-service", "inference-service", "results-service");

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void probesOnTheHealthEndpointsByPortNumber(String overlay) {
        for (String service : SERVICES) {
            Container container = container(overlay, service);
            // By number: podman kube play turns a probe on a named port into localhost:0.
            assertThat(httpGet(container.getStartupProbe())).as(service).isEqualTo("/q/health/started:8080");
            assertThat(httpGet(container.getReadinessProbe())).as(service).isEqualTo("/q/health/ready:8080");
            if (overlay.equals("local")) {
                // kube play's liveness check of an httpGet runs curl, which the images lack (single-node.yaml)
                assertThat(container.getLivenessProbe().getExec().getCommand()).as(service)
                        .containsExactly("/usr/local/bin/health-check", "/q/health/live");
            } else {
                assertThat(httpGet(container.getLivenessProbe())).as(service).isEqualTo("/q/health/live:8080");
            }
        }
    }

    /**
     * Prometheus and the kubelet send no API key: what the scrape annotations and the probes ask for
     * must be among the paths the services serve without one (the ConfigMap's public paths, with keys on).
     */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void metricsAndProbesAnswerWithoutAKey(String overlay) {
        JsonNode config = Manifests.ofOverlay(overlay).named("ConfigMap", "hitorflop-config").path("data");
        List<String> publicPaths = List.of(config.path("HITORFLOP_SECURITY_API_KEYS_PUBLIC_PATHS").asString().split(","));
        assertThat(config.path("HITORFLOP_SECURITY_API_KEYS_ENABLED").asString()).isEqualTo("true");

        for (String service : SERVICES) {
            Deployment deployment = (Deployment) StrictSchemas.read(Manifests.ofOverlay(overlay).named("Deployment", service));
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(annotations).as(service).containsEntry("prometheus.io/scrape", "true");
            assertThat(publicPaths).as(service).contains(annotations.get("prometheus.io/path"));
            assertThat(container.getPorts()).as(service)
                    .anyMatch(port -> port.getContainerPort().toString().equals(annotations.get("prometheus.io/port")));
            for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                String path = probe.getHttpGet() != null ? probe.getHttpGet().getPath() : probe.getExec().getCommand().get(1);
                assertThat(publicPaths).as(service).contains(path);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        for (PodSpec pod : Workloads.podSpecs(Manifests.ofOverlay(overlay)).values()) {
            for (Container container : pod.getContainers()) {
                assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void readOnlyRootWithAWritableTmp(String overlay) {
        for (String service : SERVICES) {
            PodSpec pod = pod(overlay, service);
            Container container = pod.getContainers().get(0);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
            String tmpVolume = container.getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals("/tmp")).findFirst().orElseThrow().getName();
            assertThat(pod.getVolumes()).as(service)
                    .anyMatch(volume -> volume.getName().equals(tmpVolume) && volume.getEmptyDir() != null);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ingest-service, HITORFLOP_SECURITY_API_KEYS_KEYS=hitorflop-api-keys/keys QUARKUS_DATASOURCE_JDBC_URL=hitorflop-postgres/jdbc-url QUARKUS_DATASOURCE_USERNAME=hitorflop-postgres/username QUARKUS_DATASOURCE_PASSWORD=hitorflop-postgres/password",
            "feature-service, HITORFLOP_SECURITY_API_KEYS_KEYS=hitorflop-api-keys/keys",
            "inference-service, HITORFLOP_SECURITY_API_KEYS_KEYS=hitorflop-api-keys/keys",
            "results-service, HITORFLOP_SECURITY_API_KEYS_KEYS=hitorflop-api-keys/keys QUARKUS_DATASOURCE_JDBC_URL=hitorflop-postgres/jdbc-url QUARKUS_DATASOURCE_USERNAME=hitorflop-postgres/username QUARKUS_DATASOURCE_PASSWORD=hitorflop-postgres/password HITORFLOP_RESULTS_WEBHOOKS_SECRET=hitorflop-webhooks/secret"})
    void secretsWiredIntoTheServicesConfigNames(String service, String expected) {
        Map<String, String> fromSecrets = container("production", service).getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, env -> env.getValueFrom().getSecretKeyRef().getName()
                        + "/" + env.getValueFrom().getSecretKeyRef().getKey()));

        assertThat(fromSecrets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .isEqualTo(List.of(expected.split(" ")).stream().sorted().toList());
        assertThat(Manifests.ofOverlay("production").named("ConfigMap", "hitorflop-config")
                .at("/data/HITORFLOP_SECURITY_API_KEYS_ENABLED").asString()).isEqualTo("true");
    }

    @Test
    void theLocalOverlayDefinesEverySecretTheWorkloadsRead() {
        Manifests local = Manifests.ofOverlay("local");
        for (String secret : List.of("hitorflop-api-keys", "hitorflop-postgres", "hitorflop-webhooks")) {
            assertThat(local.named("Secret", secret).path("data").isEmpty()).as(secret).isFalse();
        }
    }

    @Test
    void theLocalOverlayPublishesOnlyOnLoopback() {
        for (PodSpec pod : Workloads.podSpecs(Manifests.ofOverlay("local")).values()) {
            for (Container container : pod.getContainers()) {
                assertThat(container.getPorts()).as(container.getName()).allSatisfy(port -> {
                    assertThat(port.getHostIP()).isEqualTo("127.0.0.1");
                    assertThat(port.getHostPort()).isPositive();
                });
                assertThat(container.getImagePullPolicy()).as(container.getName()).isEqualTo("Never");
            }
        }
    }

    /** podman kube play makes each emptyDir a podman volume named after it: a shared name is a shared volume. */
    @Test
    void theLocalOverlaysEmptyDirNamesAreUnique() {
        List<String> emptyDirs = Workloads.podSpecs(Manifests.ofOverlay("local")).values().stream()
                .flatMap(pod -> pod.getVolumes().stream())
                .filter(volume -> volume.getEmptyDir() != null)
                .map(volume -> volume.getName())
                .toList();

        assertThat(emptyDirs).doesNotHaveDuplicates().hasSize(7);
    }

    @Test
    void productionImagesComeFromTheRegistryPlaceholder() {
        for (var manifest : Manifests.ofOverlay("production").ofKind("Deployment")) {
            Deployment deployment = (Deployment) StrictSchemas.read(manifest);
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .startsWith("registry.example.com/hitorflop/").endsWith(":1.0.0-SNAPSHOT");
        }
    }

    private static String httpGet(Probe probe) {
        HTTPGetAction get = probe.getHttpGet();
        return get.getPath() + ":" + get.getPort().getIntVal();
    }

    private static PodSpec pod(String overlay, String service) {
        Deployment deployment = (Deployment) StrictSchemas.read(Manifests.ofOverlay(overlay).named("Deployment", service));
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static Container container(String overlay, String service) {
        return pod(overlay, service).getContainers().get(0);
    }
}

package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docker-compose.yml and the production overlay size each service alike (one rule, deploy/README.md
 * "Memory"): the same memory limit, the same JVM options (heap share, native memory), the same
 * malloc arenas, and the same paths open without a key (the probes' and the metrics'). Either file changed alone fails here.
 */
class ComposeMatchesProductionTest {

    private static final ComposeFile COMPOSE = ComposeFile.ofRepository();
    private static final long MIB = 1024 * 1024;

    @ParameterizedTest
    @CsvSource({"ingest, ingest-service", "feature, feature-service", "inference, inference-service",
            "results, results-service"})
    void theSameMemoryLimit(String composeService, String deployment) {
        Quantity limit = container(deployment).getResources().getLimits().get("memory");

        assertThat(COMPOSE.memoryLimitMiB(composeService)).as(composeService + " vs " + deployment)
                .isEqualTo(Quantity.getAmountInBytes(limit).longValueExact() / MIB);
    }

    @ParameterizedTest
    @CsvSource({"ingest, ingest-service", "feature, feature-service", "inference, inference-service",
            "results, results-service"})
    void theSameJavaOptions(String composeService, String deployment) {
        String compose = COMPOSE.environment(composeService, "JAVA_OPTS")
                .orElseThrow(() -> new AssertionError(composeService + " sets no JAVA_OPTS (the image's default would hide a drift)"));

        assertThat(compose).as(composeService + " vs " + deployment).isEqualTo(kubernetesVariable(deployment, "JAVA_OPTS"));
    }

    @ParameterizedTest
    @CsvSource({"ingest, ingest-service", "feature, feature-service", "inference, inference-service",
            "results, results-service"})
    void theSameMallocArenas(String composeService, String deployment) {
        assertThat(COMPOSE.environment(composeService, "MALLOC_ARENA_MAX")).as(composeService + " vs " + deployment)
                .contains(kubernetesVariable(deployment, "MALLOC_ARENA_MAX"));
    }

    @ParameterizedTest
    @CsvSource({"ingest, ingest-service", "feature, feature-service", "inference, inference-service",
            "results, results-service"})
    void theSamePathsOpenWithoutAKey(String composeService, String deployment) {
        assertThat(COMPOSE.environment(composeService, "HITORFLOP_SECURITY_API_KEYS_PUBLIC_PATHS"))
                .as(composeService + " vs " + deployment)
                .contains(kubernetesVariable(deployment, "HITORFLOP_SECURITY_API_KEYS_PUBLIC_PATHS"));
    }

    @Test
    void composeMemoryUnitsAreBinaryAndMergeKeysAreResolved() {
        ComposeFile compose = ComposeFile.parse("""
                x-service: &service
                  environment: {JAVA_OPTS: "-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError"}
                services:
                  a: {<<: *service, deploy: {resources: {limits: {memory: 768M}}}}
                  b: {<<: *service, deploy: {resources: {limits: {memory: 1g}}}}
                  c: {deploy: {resources: {limits: {memory: 512mb}}}}
                """);

        assertThat(compose.memoryLimitMiB("a")).isEqualTo(768);
        assertThat(compose.memoryLimitMiB("b")).isEqualTo(1024);
        assertThat(compose.memoryLimitMiB("c")).isEqualTo(512);
        assertThat(compose.environment("b", "JAVA_OPTS").map(ComposeFile::maxRamPercentage)).contains(40.0);
        assertThat(compose.environment("c", "JAVA_OPTS")).isEmpty();
        assertThatThrownBy(() -> ComposeFile.maxRamPercentage("-Xmx256m")).isInstanceOf(AssertionError.class);
    }

    /** A container variable as the pod sees it: the container's own {@code env} over its ConfigMap's. */
    private static String kubernetesVariable(String deployment, String name) {
        Container container = container(deployment);
        Optional<String> own = container.getEnv().stream()
                .filter(env -> env.getName().equals(name) && env.getValue() != null)
                .map(EnvVar::getValue).findFirst();
        return own.orElseGet(() -> container.getEnvFrom().stream()
                .filter(source -> source.getConfigMapRef() != null)
                .map(source -> Manifests.ofOverlay("production").named("ConfigMap", source.getConfigMapRef().getName())
                        .path("data").path(name))
                .filter(value -> !value.isMissingNode())
                .map(value -> value.asString())
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment + " gets no " + name)));
    }

    private static Container container(String deployment) {
        Deployment read = (Deployment) StrictSchemas.read(Manifests.ofOverlay("production").named("Deployment", deployment));
        return read.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}

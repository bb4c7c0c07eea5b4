package io.hitorflop.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicasTest {

    @Test
    void feature2AndInference3AreFiveServiceInstancesBesideOneOfEveryOtherComponent() {
        Replicas replicas = Replicas.parse("feature=2, inference=3");

        assertThat(replicas.of(Component.FEATURE)).isEqualTo(2);
        assertThat(replicas.of(Component.INFERENCE)).isEqualTo(3);
        assertThat(replicas.of(Component.RESULTS)).isEqualTo(1);
        assertThat(replicas.instances().stream().map(ServiceInstance::name)).containsExactly(
                "kafka", "postgres", "results", "ingest", "feature", "feature-2", "inference", "inference-2",
                "inference-3", "router");
        assertThat(replicas).hasToString("feature=2,inference=3");
    }

    @Test
    void aCountOfOneIsTheDefaultSoItEqualsNoReplicas() {
        assertThat(Replicas.parse("feature=1")).isEqualTo(Replicas.ONE_EACH);
        assertThat(Replicas.parse("inference=2,feature=1")).isEqualTo(Replicas.parse("inference=2"));
        assertThat(Replicas.ONE_EACH.instances()).hasSize(Component.values().length);
    }

    @Test
    void everyPossibleInstanceCoversSixOfEachScalableService() {
        assertThat(Replicas.everyPossibleInstance().stream().map(ServiceInstance::name))
                .contains("feature-6", "inference-6").doesNotContain("feature-7", "results-2")
                .hasSize(Component.values().length + 2 * (Replicas.MAX - 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "results=2            | results runs once: only feature and inference can have replicas",
            "router=2             | 'router' is not a service that can scale; one of: feature and inference",
            "spotify=2            | 'spotify' is not a service that can scale; one of: feature and inference",
            "feature=0            | feature=0: the count must be 1 to 6 (the topics' partitions",
            "feature=7            | feature=7: the count must be 1 to 6",
            "feature=two          | feature=two: the count must be 1 to 6",
            "feature=99999999999  | feature=99999999999: the count must be 1 to 6",
            "feature=2,feature=3  | feature is given twice",
            "feature:2            | 'feature:2' is not service=count",
            "\"feature=2,\"       | '' is not service=count",
            "=2                   | '=2' is not service=count",
            "\"  \"               | expected service=count pairs, e.g. feature=2,inference=2",
    })
    void whatCannotScaleOrIsNotACountIsRefusedSayingWhy(String text, String message) {
        assertThatThrownBy(() -> Replicas.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void replicasOfOneServiceDifferInPortClientIdsAndTemporaryDirectoryButNotInTheirGroup() {
        Path home = Path.of("/state");
        List<String> first = new ServiceInstance(Component.FEATURE, 1).systemProperties(8083, home);
        List<String> second = new ServiceInstance(Component.FEATURE, 2).systemProperties(40123, home);

        assertThat(first).containsExactly("-Dquarkus.http.port=8083",
                "-Dmp.messaging.connector.smallrye-kafka.client-id-prefix=feature-",
                "-Djava.io.tmpdir=/state/tmp/feature");
        assertThat(second).containsExactly("-Dquarkus.http.port=40123",
                "-Dmp.messaging.connector.smallrye-kafka.client-id-prefix=feature-2-",
                "-Djava.io.tmpdir=/state/tmp/feature-2");
        // the consumer group comes from the service's application.properties, the same for every replica
        assertThat(second).noneMatch(property -> property.contains("group.id"));
    }

    @Test
    void aServiceThatRunsOnceGetsOnlyItsPort() {
        assertThat(new ServiceInstance(Component.RESULTS, 1).systemProperties(8082, Path.of("/state")))
                .containsExactly("-Dquarkus.http.port=8082");
        assertThatThrownBy(() -> new ServiceInstance(Component.RESULTS, 2)).hasMessage("results has no replica 2");
    }

    @Test
    void anInstanceIsFoundByItsNameAndRecordedUnderItsOwnPortVariable() {
        assertThat(ServiceInstance.named("inference-2")).isEqualTo(new ServiceInstance(Component.INFERENCE, 2));
        assertThat(ServiceInstance.named("inference-2").portVariable()).isEqualTo("INFERENCE_2_PORT");
        assertThat(ServiceInstance.named("router").portVariable()).isEqualTo("ROUTER_PORT");
        assertThatThrownBy(() -> ServiceInstance.named("feature-9")).hasMessageContaining("feature-9");
    }
}

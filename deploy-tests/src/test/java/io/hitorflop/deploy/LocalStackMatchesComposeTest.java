package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local stack sizes each service JVM by the deployment's memory rule (deploy/README.md "Memory"):
 * the launcher's service-memory.properties states the same limit, heap share and native-memory settings
 * as docker-compose.yml,
 * which {@link ComposeMatchesProductionTest} holds equal to the production overlay. Either file changed
 * alone fails here.
 */
class LocalStackMatchesComposeTest {

    private static final ComposeFile COMPOSE = ComposeFile.ofRepository();
    private static final Properties LAUNCHER = launcherMemory();

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature", "inference", "results"})
    void theSameMemoryLimit(String service) {
        assertThat(Long.parseLong(LAUNCHER.getProperty(service, "missing").trim())).as(service)
                .isEqualTo(COMPOSE.memoryLimitMiB(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature", "inference", "results"})
    void theSameHeapShareOfTheLimit(String service) {
        String compose = COMPOSE.environment(service, "JAVA_OPTS")
                .orElseThrow(() -> new AssertionError(service + " sets no JAVA_OPTS in docker-compose.yml"));

        assertThat(Double.parseDouble(LAUNCHER.getProperty("heap-percentage", "missing").trim())).as(service)
                .isEqualTo(ComposeFile.maxRamPercentage(compose));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature", "inference", "results"})
    void theSameNativeMemorySettings(String service) {
        String compose = COMPOSE.environment(service, "JAVA_OPTS").orElseThrow();

        assertThat(compose.split("\\s+")).as(service)
                .contains(LAUNCHER.getProperty("native-memory", "missing").trim().split("\\s+"));
        assertThat(COMPOSE.environment(service, "MALLOC_ARENA_MAX")).as(service)
                .contains(LAUNCHER.getProperty("malloc-arena-max", "missing").trim());
    }

    private static Properties launcherMemory() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Kustomize.repositoryRoot()
                .resolve("launcher/src/main/resources/io/hitorflop/launcher/stack/service-memory.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

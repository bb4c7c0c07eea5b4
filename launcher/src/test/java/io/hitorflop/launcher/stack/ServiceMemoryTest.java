package io.hitorflop.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitorflop.launcher.Component;
import org.junit.jupiter.api.Test;

import java.util.Map;

class ServiceMemoryTest {

    private final ServiceMemory deployment = ServiceMemory.ofDeployment();

    @Test
    void everyServiceGetsItsLimitAsMaxRamAndTheHeapShare() {
        assertThat(deployment.limitMiB()).containsOnlyKeys(Component.services());
        assertThat(deployment.javaOptions(Component.INFERENCE))
                .startsWith("-XX:MaxRAM=" + deployment.limitMiB().get(Component.INFERENCE) + "m",
                        "-XX:MaxRAMPercentage=" + deployment.heapPercentage(), "-XX:+UseSerialGC")
                .contains("-XX:TrimNativeHeapInterval=5000", "-Djdk.nio.maxCachedBufferSize=262144");
    }

    @Test
    void theArenaCapGoesToTheServicesUnlessTheLauncherHasOne() {
        assertThat(deployment.environment(Map.of("PATH", "/usr/bin")))
                .containsExactly(Map.entry("MALLOC_ARENA_MAX", Integer.toString(deployment.mallocArenaMax())));
        assertThat(deployment.environment(Map.of("MALLOC_ARENA_MAX", "8"))).isEmpty();
    }

    @Test
    void componentsWithoutAContainerLimitAreRefused() {
        assertThatThrownBy(() -> deployment.javaOptions(Component.ROUTER)).isInstanceOf(IllegalArgumentException.class);
    }
}

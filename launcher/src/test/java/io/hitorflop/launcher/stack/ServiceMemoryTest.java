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
                .containsExactly("-XX:MaxRAM=" + deployment.limitMiB().get(Component.INFERENCE) + "m",
                        "-XX:MaxRAMPercentage=" + deployment.heapPercentage(), "-XX:+UseSerialGC");
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

package io.hitorflop.ingest.audio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineProcessFunctionTest {

    @Test
    void aProcessStillRunningAtTheDeadlineIsKilled() throws Exception {
        DeadlineProcessFunction processes = new DeadlineProcessFunction(Duration.ofMillis(300));

        Process sleeper = processes.run(List.of("sleep", "60"));

        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("killed well before it would end").isTrue();
        assertThat(processes.expired()).isTrue();
    }

    @Test
    void aProcessEndingInTimeIsLeftAlone() throws Exception {
        DeadlineProcessFunction processes = new DeadlineProcessFunction(Duration.ofSeconds(30));

        Process quick = processes.run(List.of("true"));

        assertThat(quick.waitFor()).isZero();
        assertThat(processes.expired()).isFalse();
    }
}

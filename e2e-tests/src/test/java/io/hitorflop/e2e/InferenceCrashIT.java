package io.hitorflop.e2e;

import io.hitorflop.e2e.fault.Fault;
import io.hitorflop.e2e.fault.FaultRunner;
import io.hitorflop.e2e.fault.ScenarioResult;
import io.hitorflop.e2e.harness.StackProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast fault scenario of issue 6 item 3 for CI: the inference service killed with SIGKILL
 * while 20 feature-vector jobs are in flight, restarted; every job ends exactly once, checked in
 * PostgreSQL. The whole set of scenarios is scripts/fault-test.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceCrashIT {

    private LauncherStack stack;

    @BeforeAll
    void up() throws Exception {
        Path e2eHome = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath();
        stack = LauncherStack.up(Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize(),
                e2eHome.resolveSibling("e2e-crash"));
    }

    @AfterAll
    void down() throws Exception {
        if (stack != null) {
            stack.close();
            assertThat(stack.leftoverProcesses()).as("processes left after ./hitorflop down").isEmpty();
        }
    }

    @Test
    void everyJobInFlightWhenInferenceIsKilledEndsExactlyOnce() throws Exception {
        StackProcesses processes = new StackProcesses(stack.home());
        String before = processes.identity("inference");
        FaultRunner runner = new FaultRunner(processes, null, new byte[0], Duration.ofMinutes(3));

        ScenarioResult result = runner.run("inference", Fault.killAndRestart("inference"), 0, 20);

        assertThat(processes.identity("inference")).as("a new inference process").isNotEqualTo(before);
        assertThat(result.submitted()).as(result.toString()).isEqualTo(20);
        assertThat(result.refused()).as(result.toString()).isZero();
        assertThat(result.lost()).as(result.problems().toString()).isZero();
        assertThat(result.duplicated()).as(result.problems().toString()).isZero();
        assertThat(result.incompleteHistory()).as(result.problems().toString()).isZero();
        assertThat(result.done()).as(result.toString()).isEqualTo(20);
        System.out.println("inference crash: " + result);
    }
}

package io.hitorflop.e2e;

import io.hitorflop.e2e.fault.Fault;
import io.hitorflop.e2e.fault.FaultRunner;
import io.hitorflop.e2e.fault.ScenarioResult;
import io.hitorflop.e2e.harness.StackProcesses;
import io.hitorflop.e2e.harness.SynthesizedSong;
import io.hitorflop.e2e.harness.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 item 3 in CI: the six faults of scripts/fault-test.sh, one after the other on one stack,
 * each with a small batch of audio and feature-vector jobs in flight (every job with a webhook to
 * a local receiver): kill -9 and restart of ingest, feature, inference and results, a restart of
 * the Kafka broker, a restart of PostgreSQL. Every accepted job must end exactly once: one pass
 * along its path in PostgreSQL with no transition twice, and one webhook id. The full-size runs
 * (50 audio + 200 vector jobs per scenario) are the script's; their figures are in docs/reliability.md.
 * Last (issue 11), an outage of the results service longer than its sweep time-out: no job whose
 * verdict waits in Kafka may be failed as timed-out when it comes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class FaultScenariosIT {

    private static final int AUDIO_JOBS = 4;
    private static final int VECTOR_JOBS = 16;
    private static final int SONG_SECONDS = 5;
    private static final int OUTAGE_VECTOR_JOBS = 8;
    /** Short enough for CI, long enough that a vector job passes each state well within it after the restart. */
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESULTS_OUTAGE = SWEEP_TIMEOUT.multipliedBy(2);

    private LauncherStack stack;
    private StackProcesses processes;
    private WebhookReceiver receiver;
    private FaultRunner runner;

    @BeforeAll
    void up() throws Exception {
        Path e2eHome = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath();
        Path home = e2eHome.resolveSibling("e2e-faults");
        // webhooks go to the receiver on 127.0.0.1, which the SSRF guard refuses unless allowed
        stack = LauncherStack.up(Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize(), home,
                Map.of("HITORFLOP_SECURITY_EGRESS_ALLOW_LIST", "127.0.0.1/32"));
        processes = stack.processes();
        receiver = new WebhookReceiver();
        Path song = SynthesizedSong.generate(Files.createTempDirectory("fault-song").resolve("song.flac"), SONG_SECONDS);
        runner = new FaultRunner(processes, receiver, Files.readAllBytes(song), Duration.ofMinutes(3));
    }

    List<String> scenarios() {
        return Fault.SCENARIOS;
    }

    @AfterAll
    void down() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        LauncherStack.downLeavingNothing(stack);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyJobInFlightDuringTheFaultEndsExactlyOnce(String scenario) throws Exception {
        boolean killsAService = !scenario.equals("kafka") && !scenario.equals("postgres");
        String before = processes.identity(killsAService ? scenario : "results");

        ScenarioResult result = runner.run(scenario, Fault.of(scenario), AUDIO_JOBS, VECTOR_JOBS);

        System.out.println("fault scenario " + scenario + ": " + result);
        if (killsAService) {
            assertThat(processes.identity(scenario)).as("a new " + scenario + " process").isNotEqualTo(before);
        }
        assertThat(result.submitted() + result.refused()).as(result.toString()).isEqualTo(AUDIO_JOBS + VECTOR_JOBS);
        if (!scenario.equals("ingest")) {
            // only the killed ingest itself can refuse a submission; the rest queue behind Kafka
            assertThat(result.refused()).as(result.toString()).isZero();
        }
        assertThat(result.lost()).as(result.problems().toString()).isZero();
        assertThat(result.duplicated()).as(result.problems().toString()).isZero();
        assertThat(result.incompleteHistory()).as(result.problems().toString()).isZero();
        assertThat(result.done() + result.failed()).as(result.toString()).isEqualTo(result.submitted());
        assertThat(result.webhooksReceived()).as("one webhook id per accepted job").isEqualTo(result.webhooksExpected());
    }

    /**
     * The results service stopped for twice its sweep time-out while jobs flow (the restarted one
     * sweeps every second with that time-out; the stack keeps it for any later test), then started:
     * its sweeper must wait until the verdicts that arrived meanwhile are read. Every job DONE once,
     * one webhook each (a FAILED one would be a second webhook id or a failed job).
     */
    @Test
    @Order(2)
    void aResultsOutageLongerThanTheSweepTimeoutFailsNoJob() throws Exception {
        String timeout = SWEEP_TIMEOUT.toSeconds() + "s";
        Fault outage = Fault.outage("results", RESULTS_OUTAGE, Map.of(
                "HITORFLOP_RESULTS_SWEEP_INTERVAL", "1s",
                "HITORFLOP_RESULTS_SWEEP_TIMEOUT_QUEUED", timeout,
                "HITORFLOP_RESULTS_SWEEP_TIMEOUT_AUDIO_READY", timeout,
                "HITORFLOP_RESULTS_SWEEP_TIMEOUT_FEATURES_READY", timeout));

        ScenarioResult result = runner.run("results-outage", outage, 0, OUTAGE_VECTOR_JOBS);

        System.out.println("fault scenario results-outage: " + result);
        assertThat(result.refused()).as(result.toString()).isZero();
        assertThat(result.lost()).as(result.problems().toString()).isZero();
        assertThat(result.duplicated()).as(result.problems().toString()).isZero();
        assertThat(result.incompleteHistory()).as(result.problems().toString()).isZero();
        assertThat(result.failed()).as(result.toString()).isZero();
        assertThat(result.done()).as(result.toString()).isEqualTo(OUTAGE_VECTOR_JOBS);
        assertThat(result.webhooksReceived()).as("one webhook id per job").isEqualTo(result.webhooksExpected());
    }
}

package io.hitorflop.launcher.stack;

import io.hitorflop.launcher.stack.StackSupervisor.ChildSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Tag("integration")
class StackSupervisorTest {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("^READY");
    private static final Pattern GRANDCHILD = Pattern.compile("^READY grandchild=(\\d+)");

    @TempDir
    Path home;

    private final List<ProcessHandle> toClean = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle process : toClean) {
            Stream.concat(process.descendants(), Stream.of(process)).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private StackSupervisor supervisor(Duration stopTimeout) {
        return new StackSupervisor(home, stopTimeout);
    }

    private ProcessHandle start(StackSupervisor supervisor, String name, String mode) {
        ProcessHandle process = supervisor.start(new ChildSpec(name, TinyChild.command(mode), Map.of()));
        toClean.add(process);
        return process;
    }

    @Test
    void startsAChildWaitsForItsReadyLineAndStopsItCleanly() throws IOException {
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(20));
        ProcessHandle child = start(supervisor, "tiny", "serve");

        supervisor.awaitLogLine("tiny", READY, START);

        assertThat(supervisor.running("tiny")).contains(child);
        assertThat(Files.readString(home.resolve("logs/tiny.log"))).startsWith("READY");
        assertThat(supervisor.stop("tiny")).isTrue();
        assertThat(child.isAlive()).isFalse();
        assertThat(supervisor.running("tiny")).isEmpty();
        assertThat(home.resolve("run/tiny.pid")).doesNotExist();
        assertThat(supervisor.stop("tiny")).isFalse();
    }

    @Test
    void aChildThatExitsDuringStartUpFailsWithTheEndOfItsLog() {
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(5));
        start(supervisor, "broken", "fail");

        assertThatThrownBy(() -> supervisor.awaitLogLine("broken", READY, START))
                .isInstanceOf(StackSupervisor.StartFailure.class)
                .hasMessageContaining("broken exited during start-up")
                .hasMessageContaining("boom");
    }

    @Test
    void readinessThatNeverComesFailsAfterTheTimeout() {
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(5));
        start(supervisor, "slow", "serve");

        assertThatThrownBy(() -> supervisor.awaitReady("slow", () -> false, "never", Duration.ofMillis(600)))
                .isInstanceOf(StackSupervisor.StartFailure.class)
                .hasMessageContaining("slow not ready (never) after 0s");
    }

    @Test
    void aChildIgnoringTheStopRequestIsKilledWithItsDescendantsAfterTheTimeout() {
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(1));
        ProcessHandle child = start(supervisor, "stubborn", "stubborn");
        supervisor.awaitLogLine("stubborn", READY, START);

        assertThat(supervisor.stop("stubborn")).isTrue();

        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void stopEndsTheWholeProcessTree() {
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(20));
        ProcessHandle parent = start(supervisor, "parent", "parent");
        Matcher ready = supervisor.awaitLogLine("parent", GRANDCHILD, START);
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(ready.group(1))).orElseThrow();
        toClean.add(grandchild);

        supervisor.stop("parent");

        assertThat(parent.isAlive()).isFalse();
        assertThat(grandchild.isAlive()).isFalse();
    }

    @Test
    void restartStartsTheSameCommandAgainAsANewProcess() {
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(20));
        ProcessHandle first = start(supervisor, "tiny", "serve");
        supervisor.awaitLogLine("tiny", READY, START);

        ProcessHandle second = supervisor.restart("tiny");
        toClean.add(second);
        supervisor.awaitLogLine("tiny", READY, START);

        assertThat(first.isAlive()).isFalse();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(supervisor.running("tiny")).contains(second);
    }

    @Test
    void aLaterSupervisorStopsWhatAKilledSupervisorLeftRunning() throws IOException {
        List<String> command = new ArrayList<>(TinyChild.command("supervisor"));
        command.add(home.toString());
        Process killedLauncher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        toClean.add(killedLauncher.toHandle());
        StackSupervisor later = supervisor(Duration.ofSeconds(20));
        await().atMost(START).until(() -> later.running("orphan").isPresent());
        ProcessHandle orphan = later.running("orphan").orElseThrow();
        toClean.add(orphan);
        Matcher ready = later.awaitLogLine("orphan", GRANDCHILD, START);
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(ready.group(1))).orElseThrow();
        toClean.add(grandchild);

        killedLauncher.destroyForcibly();
        await().atMost(START).until(() -> !killedLauncher.isAlive());

        assertThat(later.running("orphan")).contains(orphan);
        assertThat(later.stop("orphan")).isTrue();
        assertThat(orphan.isAlive()).isFalse();
        assertThat(grandchild.isAlive()).isFalse();
    }

    @Test
    void aRecordedPidNowUsedByAnotherProcessIsNeitherReportedNorSignalled() throws IOException {
        Process stranger = new ProcessBuilder(TinyChild.command("serve")).start();
        toClean.add(stranger.toHandle());
        Files.createDirectories(home.resolve("run"));
        // The pid of a live process, recorded with the start instant of an older process that had it.
        Files.writeString(home.resolve("run/recycled.pid"), Long.toString(stranger.pid()));
        Files.writeString(home.resolve("run/recycled.started"), "2001-01-01T00:00:00Z");
        StackSupervisor supervisor = supervisor(Duration.ofSeconds(1));

        assertThat(supervisor.running("recycled")).isEqualTo(Optional.empty());
        assertThat(supervisor.stop("recycled")).isFalse();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(home.resolve("run/recycled.pid")).doesNotExist();
    }
}

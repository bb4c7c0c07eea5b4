package io.hitorflop.e2e.load;

import io.hitorflop.e2e.harness.StackProcesses;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who used the cores when: every window, each component's CPU time over the window in cores (1.0 = one
 * core busy the whole window), the harness itself included, since it shares the machine.
 */
final class CpuTimeline {

    static final String HARNESS = "harness";

    private final StackProcesses processes;
    private final List<String> components;
    private final long windowSeconds;
    private final Map<Long, Map<String, Double>> coresByWindow = new LinkedHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cpu-timeline");
        thread.setDaemon(true);
        return thread;
    });
    private Map<String, Duration> previous;
    private long window;

    CpuTimeline(StackProcesses processes, long windowSeconds) {
        this.processes = processes;
        this.components = processes.components();
        this.windowSeconds = windowSeconds;
    }

    void start() {
        previous = cpuTimes();
        clock.scheduleAtFixedRate(this::closeWindow, windowSeconds, windowSeconds, TimeUnit.SECONDS);
    }

    /** The windows closed so far: start second of the window to cores used by each component. */
    Map<Long, Map<String, Double>> stop() throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (coresByWindow) {
            return new LinkedHashMap<>(coresByWindow);
        }
    }

    private void closeWindow() {
        Map<String, Duration> now = cpuTimes();
        Map<String, Double> cores = new LinkedHashMap<>();
        now.forEach((component, cpu) -> cores.put(component,
                cpu.minus(previous.getOrDefault(component, Duration.ZERO)).toMillis() / 1000.0 / windowSeconds));
        previous = now;
        synchronized (coresByWindow) {
            coresByWindow.put(window, cores);
        }
        window += windowSeconds;
    }

    private Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        components.forEach(component -> times.put(component, processes.cpuTime(component)));
        times.put(HARNESS, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return times;
    }
}

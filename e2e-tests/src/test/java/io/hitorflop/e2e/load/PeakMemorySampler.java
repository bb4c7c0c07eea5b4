package io.hitorflop.e2e.load;

import io.hitorflop.e2e.harness.StackProcesses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples every component's resident set and proportional set size (with its child processes:
 * ffmpeg under a service, the broker JVM under the Kafka launcher, the postmaster and its backends
 * under PostgreSQL's) once a second and keeps the peak of each, plus VmHWM, the kernel's own
 * high-water mark, at the end. PSS counts a page shared by several processes once in all, so
 * PostgreSQL's shared buffers are not counted once per backend as in the RSS sum.
 */
final class PeakMemorySampler {

    private final StackProcesses processes;
    private final List<String> components;
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Map<String, Long> pssPeaks = new ConcurrentHashMap<>();
    private final Map<String, Long> highWaterMarks = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    PeakMemorySampler(StackProcesses processes, List<String> components) {
        this.processes = processes;
        this.components = components;
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
        sample();
    }

    private void sample() {
        for (String component : components) {
            try {
                Map<String, Long> memory = processes.memoryKb(component);
                peaks.merge(component, memory.get("rssKb"), Math::max);
                pssPeaks.merge(component, memory.get("pssKb"), Math::max);
                highWaterMarks.put(component, memory.get("hwmKb"));
            } catch (RuntimeException gone) {
                // a component that is not running (external PostgreSQL) has nothing to sample
            }
        }
    }

    Map<String, Long> peaks() {
        return inComponentOrder(peaks);
    }

    Map<String, Long> pssPeaks() {
        return inComponentOrder(pssPeaks);
    }

    private Map<String, Long> inComponentOrder(Map<String, Long> byComponent) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        components.forEach(c -> ordered.put(c, byComponent.getOrDefault(c, 0L)));
        return ordered;
    }

    Map<String, Long> highWaterMarks() {
        return highWaterMarks;
    }
}

package io.hitorflop.e2e.fault;

import io.hitorflop.e2e.harness.StackProcesses;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One fault injected into a running stack, and the recovery an orchestrator would make. */
public record Fault(String name, String description, Injection injection) {

    @FunctionalInterface
    public interface Injection {
        void inject(StackProcesses processes) throws Exception;
    }

    /** The scenarios of scripts/fault-test.sh, in its order. */
    public static final List<String> SCENARIOS = List.of("ingest", "feature", "inference", "results", "kafka", "postgres");

    /** The fault of a scenario: a service's name is its kill -9, "kafka" and "postgres" their restarts. */
    public static Fault of(String scenario) {
        return switch (scenario) {
            case "kafka" -> restartKafka();
            case "postgres" -> restartPostgres();
            default -> killAndRestart(scenario);
        };
    }

    /** kill -9 a service's process group, then start it again with the same command line and wait until it is ready. */
    public static Fault killAndRestart(String service) {
        return new Fault("kill -9 " + service, "SIGKILL to the " + service + " service, restarted at once",
                processes -> {
                    processes.kill9(service);
                    processes.start(service, Map.of());
                    processes.awaitReady(service);
                });
    }

    /**
     * kill -9 of service instances that stay dead, as nodes lost for good: with replicas, the
     * survivors in each consumer group must take over the partitions of the killed ones.
     */
    public static Fault killWithoutRestart(List<String> instances) {
        String names = String.join(" and ", instances);
        return new Fault("kill -9 " + names, "SIGKILL to " + names + ", not restarted", processes -> {
            for (String instance : instances) {
                processes.kill9(instance);
            }
        });
    }

    /**
     * A clean stop of a service (SIGTERM) lasting {@code outage}, then its start with its first
     * environment plus {@code restartSettings} (e.g. a short sweep time-out), and a wait until it is
     * ready.
     */
    public static Fault outage(String service, Duration outage, Map<String, String> restartSettings) {
        return new Fault("outage of " + service, "SIGTERM to the " + service + " service, started again after "
                + outage + " with " + restartSettings, processes -> {
                    processes.stop(service);
                    Thread.sleep(outage.toMillis()); // the outage itself, not a wait for something to happen
                    processes.start(service, restartSettings);
                    processes.awaitReady(service);
                });
    }

    /** A clean stop of the Kafka broker (SIGTERM, controlled shutdown), then its start on the same data and port. */
    public static Fault restartKafka() {
        return new Fault("restart Kafka", "SIGTERM to the broker, started again on its data directory",
                processes -> restart(processes, "kafka", "^READY kafka "));
    }

    /** A clean stop of PostgreSQL (SIGTERM, fast shutdown), then its start on the same cluster and port. */
    public static Fault restartPostgres() {
        return new Fault("restart PostgreSQL", "SIGTERM to PostgreSQL, started again on its cluster",
                processes -> restart(processes, "postgres", "^READY postgres "));
    }

    private static void restart(StackProcesses processes, String component, String readyLine) {
        processes.stop(component);
        processes.start(component, Map.of());
        processes.awaitLogLine(component, readyLine);
    }
}

import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * JIT warm-up of the feature engine in a fresh JVM: analyses one file N times in a row on one
 * thread and prints each analysis's wall and thread CPU time, so the first (interpreted and
 * compiling) can be set against the tenth (compiled). Single-file program, run from the root:
 *
 *   java -cp "$(ls feature-service/target/quarkus-app/app/*.jar feature-service/target/quarkus-app/lib/main/*.jar | tr '\n' :)" \
 *        benchmarks/scripts/FeaturesWarmUp.java song.flac 10
 */
public final class FeaturesWarmUp {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());
        System.out.println("analysis  wall_ms  thread_cpu_ms");
        for (int i = 1; i <= times; i++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            engine.analyze(file);
            System.out.printf("%8d  %7.0f  %13.0f%n", i, (System.nanoTime() - wall) / 1e6,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
        }
    }
}

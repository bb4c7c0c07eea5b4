package io.hitorflop.benchmarks;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.inference.explanation.Attribution;
import io.hitorflop.inference.explanation.DistinctRows;
import io.hitorflop.inference.explanation.KnownRowScores;
import io.hitorflop.inference.verdict.Classifier;
import io.hitorflop.inference.verdict.ClassifierOutput;
import io.hitorflop.inference.verdict.Ensemble;
import io.hitorflop.inference.verdict.EnsembleLoader;
import io.hitorflop.inference.verdict.ModelFiles;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One verdict's Shapley explanation with the shipped models of a set, as the inference service
 * computes it (budget: p0.50 &lt;= 20 ms for {@code audio}, &lt;= 100 ms for {@code spotify}), and
 * each model alone on the explanation's rows (where the time goes). Sample mode for percentiles.
 * The models are read from the repository checkout ({@code -Dhitorflop.models=...} to override).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ShapleyExplanationBenchmark {

    @Param({"audio", "spotify"})
    public String featureSet;

    private OrtSession.SessionOptions options;
    private Ensemble ensemble;
    private float[] song;
    /** The explanation's distinct rows but the background rows: what each model scores per explanation. */
    private float[][] explanationRows;

    @Setup(Level.Trial)
    public void load() throws OrtException {
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setCPUArenaAllocator(false);
        FeatureSet set = FeatureSet.fromId(featureSet);
        ensemble = new EnsembleLoader(new ModelFiles(Optional.of(OnnxEnsembleBenchmark.modelsDirectory())),
                new ObjectMapper(), OrtEnvironment.getEnvironment(), options).load(set);
        song = set.toVector(OnnxEnsembleBenchmark.typicalSong(set));
        // what Ensemble.explain has the models score: the last call's rows (the first scores the background rows)
        ensemble.explainer().explain(song, KnownRowScores.of(ensemble.explainer().background(), rows -> {
            explanationRows = new DistinctRows(rows).rows();
            return new double[rows.length];
        }));
    }

    /**
     * CPU time of the benchmark thread per call (ONNX Runtime runs on it with one intra-op thread):
     * on this shared machine wall time grows with other people's builds, CPU time much less.
     * Reported as sums per iteration: divide {@code threadCpuMs} by {@code calls}.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuPerCall {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public double threadCpuMs;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            threadCpuMs = 0;
            calls = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long startNanos) {
            threadCpuMs += (now() - startNanos) / 1e6;
            calls++;
        }
    }

    @Benchmark
    public Attribution explanation(CpuPerCall cpu) throws OrtException {
        long start = cpu.now();
        Attribution attribution = ensemble.explain(song);
        cpu.add(start);
        return attribution;
    }

    /** One model of the set (a name of {@code ModelNames.ALL}), to score the explanation's rows alone. */
    @State(Scope.Benchmark)
    public static class OneModel {

        @Param({"random_forest", "xgboost", "ada_boost", "knn", "decision_tree"})
        public String model;

        private Classifier classifier;

        @Setup(Level.Trial)
        public void pick(ShapleyExplanationBenchmark set) {
            classifier = set.ensemble.classifiers().stream().filter(c -> c.name().equals(model)).findFirst()
                    .orElseThrow();
        }
    }

    @Benchmark
    public ClassifierOutput oneModelOnTheExplanationRows(OneModel one, CpuPerCall cpu) throws OrtException {
        long start = cpu.now();
        ClassifierOutput output = one.classifier.score(explanationRows);
        cpu.add(start);
        return output;
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        ensemble.close();
        options.close();
    }
}

package io.hitorflop.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelNames;
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
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One feature vector through all five shipped ONNX sessions of a set, as the inference service
 * scores a job (budget: median &lt;= 1 ms). Sample mode, so JMH reports percentiles including p0.50.
 * The models are read from the repository checkout ({@code -Dhitorflop.models=...} to override).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxEnsembleBenchmark {

    @Param({"audio", "spotify"})
    public String featureSet;

    private final List<OrtSession> sessions = new ArrayList<>();
    private OnnxTensor input;

    @Setup(Level.Trial)
    public void load() throws IOException, OrtException {
        Path dir = modelsDirectory().resolve(featureSet);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            for (String model : ModelNames.ALL) {
                sessions.add(env.createSession(Files.readAllBytes(dir.resolve(model + ".onnx")), options));
            }
        }
        FeatureSet set = FeatureSet.fromId(featureSet);
        float[] vector = set.toVector(typicalSong(set));
        input = OnnxTensor.createTensor(env, FloatBuffer.wrap(vector), new long[]{1, vector.length});
    }

    /** A plausible mid-range pop track; the trees' depth does not depend much on the values. */
    static Map<String, Double> typicalSong(FeatureSet set) {
        Map<String, Double> all = Map.ofEntries(
                Map.entry("danceability", 0.62), Map.entry("energy", 0.71), Map.entry("key", 5.0),
                Map.entry("loudness", -6.5), Map.entry("mode", 1.0), Map.entry("speechiness", 0.05),
                Map.entry("acousticness", 0.12), Map.entry("instrumentalness", 0.0), Map.entry("liveness", 0.14),
                Map.entry("valence", 0.55), Map.entry("tempo", 118.0), Map.entry("duration_ms", 214_000.0),
                Map.entry("time_signature", 4.0));
        return set.select(all);
    }

    public static Path modelsDirectory() {
        String configured = System.getProperty("hitorflop.models");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("inference-service/src/main/resources/models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("run inside the repository or pass -Dhitorflop.models=<dir>");
    }

    @Benchmark
    public void allFiveModels(Blackhole sink) throws OrtException {
        for (OrtSession session : sessions) {
            try (OrtSession.Result result = session.run(Map.of(ModelNames.INPUT, input))) {
                sink.consume(result.get(ModelNames.OUTPUT_PROBABILITIES).orElseThrow().getValue());
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        input.close();
        for (OrtSession session : sessions) {
            session.close();
        }
        sessions.clear();
    }
}

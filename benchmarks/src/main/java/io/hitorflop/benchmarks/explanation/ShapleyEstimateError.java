package io.hitorflop.benchmarks.explanation;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.benchmarks.OnnxEnsembleBenchmark;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.inference.explanation.Attribution;
import io.hitorflop.inference.explanation.ExactShapley;
import io.hitorflop.inference.verdict.Ensemble;
import io.hitorflop.inference.verdict.EnsembleLoader;
import io.hitorflop.inference.verdict.ModelFiles;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

/**
 * How far the shipped {@code spotify} explanation (the permutation estimate the inference service
 * computes) is from the exact interventional Shapley values of the same function (all 2^13
 * coalitions against the same background rows: 262,113 rows per song), on songs that mix two
 * background rows feature by feature (seeded). Prints each song's largest error and the exact
 * values' cost, then the largest and the RMS error over all values: the bound inference-service's
 * README states. A measurement, not a test (minutes of CPU).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.hitorflop.benchmarks.explanation.ShapleyEstimateError [songs] [seed]
 * </pre>
 */
public final class ShapleyEstimateError {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ShapleyEstimateError() {
    }

    public static void main(String[] args) throws Exception {
        int songs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 11;
        ObjectMapper json = new ObjectMapper();
        Path models = OnnxEnsembleBenchmark.modelsDirectory();
        float[][] background = background(json, models.resolve("spotify"));
        Random random = new Random(seed);
        double largest = 0;
        double sumOfSquares = 0;
        int values = 0;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (Ensemble spotify = new EnsembleLoader(new ModelFiles(Optional.of(models)), json,
                    OrtEnvironment.getEnvironment(), options).load(FeatureSet.SPOTIFY)) {
                ExactShapley exact = new ExactShapley(background);
                for (int song = 0; song < songs; song++) {
                    float[] vector = mixtureOfTwo(background, random);
                    long wallStart = System.nanoTime();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    Attribution truth = exact.explain(vector, spotify::reportedProbabilities);
                    double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
                    Attribution estimate = spotify.explain(vector);
                    double songLargest = 0;
                    for (int j = 0; j < vector.length; j++) {
                        double error = Math.abs(estimate.values()[j] - truth.values()[j]);
                        songLargest = Math.max(songLargest, error);
                        sumOfSquares += error * error;
                        values++;
                    }
                    largest = Math.max(largest, songLargest);
                    System.out.printf("song %2d: P(HIT) %.4f, baseline %.4f, largest |error| %.4f; exact values %.1f s CPU, %.1f s wall%n",
                            song, truth.probability(), truth.baseline(), songLargest, cpuSeconds, wallSeconds);
                }
            }
        }
        System.out.printf("spotify permutation estimate vs exact over %d songs, %d values: largest |error| %.4f, RMS %.4f%n",
                songs, values, largest, Math.sqrt(sumOfSquares / values));
    }

    private static float[][] background(ObjectMapper json, Path set) throws Exception {
        ModelCard card = json.readValue(Files.readAllBytes(set.resolve(ModelCard.FILE_NAME)), ModelCard.class);
        JsonNode rows = json.readTree(Files.readAllBytes(set.resolve(card.explanationBackground().file()))).get("rows");
        return json.treeToValue(rows, float[][].class);
    }

    /** A song that takes each feature from one of two background rows drawn at random. */
    private static float[] mixtureOfTwo(float[][] background, Random random) {
        float[] song = background[random.nextInt(background.length)].clone();
        float[] other = background[random.nextInt(background.length)];
        for (int j = 0; j < song.length; j++) {
            if (random.nextBoolean()) {
                song[j] = other[j];
            }
        }
        return song;
    }
}

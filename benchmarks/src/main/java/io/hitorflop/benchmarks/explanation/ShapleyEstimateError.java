package io.hitorflop.benchmarks.explanation;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.benchmarks.OnnxEnsembleBenchmark;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.inference.explanation.Attribution;
import io.hitorflop.inference.explanation.ExactShapley;
import io.hitorflop.inference.explanation.PermutationShapley;
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
 * README states; beside it, the same for one walk per background row (half the rows).
 * A measurement, not a test (minutes of CPU).
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
        Path set = models.resolve("spotify");
        ModelCard card = json.readValue(Files.readAllBytes(set.resolve(ModelCard.FILE_NAME)), ModelCard.class);
        float[][] background = json.treeToValue(json.readTree(Files.readAllBytes(
                set.resolve(card.explanationBackground().file()))).get("rows"), float[][].class);
        // the shipped walks per background row against one per row (antithetic across rows): what halving the rows would cost
        PermutationShapley onePerRow = new PermutationShapley(background, 1, card.seed());
        Random random = new Random(seed);
        Errors shipped = new Errors();
        Errors halved = new Errors();
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
                    double songLargest = shipped.add(spotify.explain(vector), truth);
                    double songLargestHalved = halved.add(onePerRow.explain(vector, spotify::reportedProbabilities), truth);
                    System.out.printf("song %2d: P(HIT) %.4f, baseline %.4f, largest |error| %.4f (one walk per row: %.4f);"
                                    + " exact values %.1f s CPU, %.1f s wall%n", song, truth.probability(), truth.baseline(),
                            songLargest, songLargestHalved, cpuSeconds, wallSeconds);
                }
            }
        }
        System.out.printf("spotify estimate vs exact over %d songs, %d values: largest |error| %.4f, RMS %.4f "
                        + "(%d walks per background row; with one: %.4f, %.4f)%n", songs, shipped.values, shipped.largest,
                shipped.rms(), EnsembleLoader.PERMUTATIONS_PER_BACKGROUND_ROW, halved.largest, halved.rms());
    }

    /** The largest and RMS error of estimates over all their values. */
    private static final class Errors {
        private double largest;
        private double sumOfSquares;
        private int values;

        /** Adds an estimate's errors; returns its largest. */
        double add(Attribution estimate, Attribution truth) {
            double songLargest = 0;
            for (int j = 0; j < truth.values().length; j++) {
                double error = Math.abs(estimate.values()[j] - truth.values()[j]);
                songLargest = Math.max(songLargest, error);
                sumOfSquares += error * error;
                values++;
            }
            largest = Math.max(largest, songLargest);
            return songLargest;
        }

        double rms() {
            return Math.sqrt(sumOfSquares / values);
        }
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

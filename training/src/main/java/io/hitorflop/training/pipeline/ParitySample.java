package io.hitorflop.training.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.evaluation.EnsembleScores;
import io.hitorflop.training.scoring.OnnxEnsemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A few held-back rows with the reported probability training computes for them from the shipped
 * ONNX files and card (ONNX Runtime, as the service runs them): the inference service's parity
 * test must compute the same numbers. Written as {@code <set>.json} for the card's version.
 */
public final class ParitySample {

    public static final int ROWS = 32;

    /**
     * @param modelVersion        the card's version the numbers belong to
     * @param features            column order of {@code rows}
     * @param rows                held-back feature vectors, spread evenly over the test part
     * @param reportedProbability per row, the card's calibrated combined P(HIT)
     */
    public record Sample(String featureSet, String modelVersion, List<String> features, List<float[]> rows,
                         List<Double> reportedProbability) {
    }

    public static void write(Path directory, Path setDirectory, FeatureMatrix test) {
        float[][] rows = new float[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = test.rows()[(int) ((long) i * test.size() / ROWS)];
        }
        try (OnnxEnsemble shipped = new OnnxEnsemble(setDirectory)) {
            ModelCard card = shipped.card();
            double[] probability = EnsembleScores.reported(shipped.score(rows), card.reportedProbability()).hitProbability();
            List<Double> reported = new ArrayList<>();
            for (double p : probability) {
                reported.add(p);
            }
            Sample sample = new Sample(card.featureSet(), card.version(), test.columns(), List.of(rows), reported);
            Files.createDirectories(directory);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(directory.resolve(card.featureSet() + ".json").toFile(), sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ParitySample() {
    }
}

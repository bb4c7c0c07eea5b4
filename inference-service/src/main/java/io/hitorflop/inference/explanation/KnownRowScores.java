package io.hitorflop.inference.explanation;

import ai.onnxruntime.OrtException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A probability function that scores a fixed set of rows once and looks them up afterwards: every
 * explanation scores the background rows themselves (the empty coalition, where each walk starts),
 * the same 32 rows for every song, about 6 % of an {@code audio} explanation's distinct rows. The
 * other rows of a batch go to the function in one call, in their order; the values are the
 * function's own, so an explanation is the same with or without this.
 */
public final class KnownRowScores implements ProbabilityFunction {

    private final ProbabilityFunction f;
    private final Map<FeatureRow, Double> known;

    private KnownRowScores(ProbabilityFunction f, Map<FeatureRow, Double> known) {
        this.f = f;
        this.known = known;
    }

    /** Scores {@code fixedRows} with {@code f} now; later calls score only the rows not among them. */
    public static KnownRowScores of(float[][] fixedRows, ProbabilityFunction f) throws OrtException {
        double[] scores = f.probabilities(fixedRows);
        Map<FeatureRow, Double> known = new HashMap<>();
        for (int row = 0; row < fixedRows.length; row++) {
            known.put(new FeatureRow(fixedRows[row].clone()), scores[row]);
        }
        return new KnownRowScores(f, Map.copyOf(known));
    }

    @Override
    public double[] probabilities(float[][] rows) throws OrtException {
        double[] probabilities = new double[rows.length];
        List<float[]> unknownRows = new ArrayList<>();
        List<Integer> unknownAt = new ArrayList<>();
        for (int row = 0; row < rows.length; row++) {
            Double score = known.get(new FeatureRow(rows[row]));
            if (score == null) {
                unknownRows.add(rows[row]);
                unknownAt.add(row);
            } else {
                probabilities[row] = score;
            }
        }
        if (!unknownRows.isEmpty()) {
            double[] scored = f.probabilities(unknownRows.toArray(float[][]::new));
            for (int i = 0; i < scored.length; i++) {
                probabilities[unknownAt.get(i)] = scored[i];
            }
        }
        return probabilities;
    }
}

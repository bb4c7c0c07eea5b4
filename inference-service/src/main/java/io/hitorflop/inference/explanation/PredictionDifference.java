package io.hitorflop.inference.explanation;

import io.hitorflop.contract.events.FeatureContribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict's explanation: the prediction difference of each feature (Robnik-Šikonja and
 * Kononenko, "Explaining classifications for individual instances", IEEE TKDE 20(5), 2008), the
 * ensemble's HIT probability with the song's value minus the probability with that one feature
 * replaced by a typical value (its baseline: the training median from the model card).
 */
public final class PredictionDifference {

    private PredictionDifference() {
    }

    /**
     * The rows to score: row 0 is the song, row {@code i + 1} is the song with feature {@code i}
     * set to its baseline. Scoring them in one batch keeps it to one model run.
     */
    public static float[][] rows(float[] song, double[] baselines) {
        float[][] rows = new float[song.length + 1][];
        rows[0] = song.clone();
        for (int feature = 0; feature < song.length; feature++) {
            float[] occluded = song.clone();
            occluded[feature] = (float) baselines[feature];
            rows[feature + 1] = occluded;
        }
        return rows;
    }

    /**
     * @param values the song's feature values, in row order
     * @param pHit   per row of {@link #rows}, the ensemble's HIT probability
     * @return one contribution per feature, largest magnitude first
     */
    public static List<FeatureContribution> contributions(List<String> names, double[] values, double[] baselines,
                                                   double[] pHit) {
        if (pHit.length != values.length + 1 || names.size() != values.length) {
            throw new IllegalArgumentException("expected " + (values.length + 1) + " probabilities for "
                    + values.length + " features, got " + pHit.length);
        }
        List<FeatureContribution> contributions = new ArrayList<>(values.length);
        for (int feature = 0; feature < values.length; feature++) {
            contributions.add(new FeatureContribution(names.get(feature), values[feature], baselines[feature],
                    pHit[0] - pHit[feature + 1]));
        }
        contributions.sort(Comparator.comparingDouble((FeatureContribution c) -> Math.abs(c.contribution())).reversed());
        return contributions;
    }
}

package io.hitorflop.training.learners;

import io.hitorflop.training.data.FeatureMatrix;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves feature matrices in and out of Tribuo. Columns are named f00, f01, ... so Tribuo's
 * alphabetical feature ids equal the column indices.
 */
final class TribuoData {

    static final String HIT = "1";
    static final String FLOP = "0";
    private static final LabelFactory LABELS = new LabelFactory();

    static String featureName(int column) {
        return String.format("f%02d", column);
    }

    static int columnOf(ImmutableFeatureMap featureMap, int featureId) {
        return Integer.parseInt(featureMap.get(featureId).getName().substring(1));
    }

    static MutableDataset<Label> dataset(FeatureMatrix matrix) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("hitorflop", LABELS), LABELS);
        for (int i = 0; i < matrix.size(); i++) {
            dataset.add(example(matrix.rows()[i], new Label(matrix.labels()[i] == 1 ? HIT : FLOP)));
        }
        return dataset;
    }

    static Example<Label> example(float[] row, Label label) {
        String[] names = new String[row.length];
        double[] values = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            names[j] = featureName(j);
            values[j] = row[j];
        }
        return new ArrayExample<>(label, names, values);
    }

    /** P(HIT) from Tribuo's output scores; the label is HIT only when P(HIT) beats P(FLOP), ties going to FLOP as in the graphs. */
    static Scores score(Model<Label> model, float[][] rows) {
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        for (float[] row : rows) {
            examples.add(example(row, LabelFactory.UNKNOWN_LABEL));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] hit = new double[rows.length];
        int[] label = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Map<String, Label> scores = predictions.get(i).getOutputScores();
            double pHit = scoreOf(scores, HIT);
            double pFlop = scoreOf(scores, FLOP);
            hit[i] = pHit;
            label[i] = (float) pHit > (float) pFlop ? 1 : 0;
        }
        return new Scores(hit, label);
    }

    private static double scoreOf(Map<String, Label> scores, String name) {
        Label label = scores.get(name);
        return label == null ? 0.0 : label.getScore();
    }

    private TribuoData() {
    }
}

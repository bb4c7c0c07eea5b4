package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.inference.explanation.PredictionDifference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The five models of one feature set, with the card that describes them: how their P(HIT) become
 * the verdict's probability and label (the card's {@link ReportedProbability}: weights,
 * calibration, threshold) and the hard-vote rule whose count the verdict still carries.
 */
public final class Ensemble implements AutoCloseable {

    private final FeatureSet featureSet;
    private final ModelCard card;
    private final ReportedProbability reported;
    private final List<OnnxClassifier> classifiers;
    private final double[] baselines;

    Ensemble(FeatureSet featureSet, ModelCard card, List<OnnxClassifier> classifiers) {
        this.featureSet = featureSet;
        this.card = card;
        this.reported = card.reportedProbability();
        this.classifiers = List.copyOf(classifiers);
        this.baselines = card.features().stream().mapToDouble(ModelCard.Feature::baseline).toArray();
    }

    public FeatureSet featureSet() {
        return featureSet;
    }

    /** The card's version: data sha256 prefix and code revision. */
    public String version() {
        return card.version();
    }

    /**
     * Scores a validated vector with every model in one batch per model (the song plus the rows
     * its explanation needs); the label is the card's threshold on the reported probability, each
     * model's own vote stays in the verdict, and the verdict carries the card's held-out test AUC
     * of the reported probability, so a reader can tell how much to trust it.
     */
    public Verdict judge(Map<String, Double> features) throws OrtException {
        float[] song = featureSet.toVector(features);
        float[][] rows = PredictionDifference.rows(song, baselines);
        List<ClassifierOutput> outputs = score(rows);
        List<ModelVote> votes = new ArrayList<>(classifiers.size());
        for (int member = 0; member < classifiers.size(); member++) {
            ClassifierOutput output = outputs.get(member);
            votes.add(new ModelVote(classifiers.get(member).name(),
                    output.hit()[0] ? Verdict.Label.HIT : Verdict.Label.FLOP, output.pHit()[0]));
        }
        int hitVotes = (int) votes.stream().filter(vote -> vote.label() == Verdict.Label.HIT).count();
        double[] probability = reported(outputs, rows.length);
        double[] values = featureSet.names().stream().mapToDouble(features::get).toArray();
        return new Verdict(reported.saysHit(probability[0]) ? Verdict.Label.HIT : Verdict.Label.FLOP, hitVotes,
                probability[0], votes,
                PredictionDifference.contributions(featureSet.names(), values, baselines, probability),
                card.heldOutAuc());
    }

    /**
     * The probability a verdict reports, for each of {@code rows} (float32 vectors in the card's
     * feature order): every model scores the batch once, then the card's weights and calibration
     * combine their P(HIT).
     */
    public double[] reportedProbabilities(float[][] rows) throws OrtException {
        return reported(score(rows), rows.length);
    }

    /** Each model's output for the batch, in {@link io.hitorflop.contract.models.ModelNames#ALL} order. */
    private List<ClassifierOutput> score(float[][] rows) throws OrtException {
        List<ClassifierOutput> outputs = new ArrayList<>(classifiers.size());
        for (OnnxClassifier classifier : classifiers) {
            outputs.add(classifier.score(rows));
        }
        return outputs;
    }

    private double[] reported(List<ClassifierOutput> outputs, int rows) {
        double[] probability = new double[rows];
        double[] members = new double[outputs.size()];
        for (int row = 0; row < rows; row++) {
            for (int member = 0; member < members.length; member++) {
                members[member] = outputs.get(member).pHit()[row];
            }
            probability[row] = reported.of(members);
        }
        return probability;
    }

    @Override
    public void close() throws OrtException {
        for (OnnxClassifier classifier : classifiers) {
            classifier.close();
        }
    }
}

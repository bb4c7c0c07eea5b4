package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.inference.explanation.PredictionDifference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The five models of one feature set, with the card that describes them and the vote rule it states. */
public final class Ensemble implements AutoCloseable {

    private final FeatureSet featureSet;
    private final ModelCard card;
    private final EnsembleVote rule;
    private final List<OnnxClassifier> classifiers;
    private final double[] baselines;

    Ensemble(FeatureSet featureSet, ModelCard card, List<OnnxClassifier> classifiers) {
        this.featureSet = featureSet;
        this.card = card;
        this.rule = EnsembleVote.of(card);
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
     * its explanation needs), then votes by the card's rule and explains; the verdict carries the
     * card's held-out test AUC, so a reader can tell how much to trust it.
     */
    public Verdict judge(Map<String, Double> features) throws OrtException {
        float[] song = featureSet.toVector(features);
        float[][] rows = PredictionDifference.rows(song, baselines);
        List<ModelVote> votes = new ArrayList<>(classifiers.size());
        double[] meanPHit = new double[rows.length];
        for (OnnxClassifier classifier : classifiers) {
            ClassifierOutput output = classifier.score(rows);
            votes.add(new ModelVote(classifier.name(), output.hit()[0] ? Verdict.Label.HIT : Verdict.Label.FLOP,
                    output.pHit()[0]));
            for (int row = 0; row < rows.length; row++) {
                meanPHit[row] += output.pHit()[row] / classifiers.size();
            }
        }
        int hitVotes = (int) votes.stream().filter(vote -> vote.label() == Verdict.Label.HIT).count();
        double probability = votes.stream().mapToDouble(ModelVote::probability).average().orElseThrow();
        double[] values = featureSet.names().stream().mapToDouble(features::get).toArray();
        return new Verdict(rule.hardSaysHit(hitVotes) ? Verdict.Label.HIT : Verdict.Label.FLOP, hitVotes, probability,
                votes, PredictionDifference.contributions(featureSet.names(), values, baselines, meanPHit),
                card.heldOutAuc());
    }

    @Override
    public void close() throws OrtException {
        for (OnnxClassifier classifier : classifiers) {
            classifier.close();
        }
    }
}

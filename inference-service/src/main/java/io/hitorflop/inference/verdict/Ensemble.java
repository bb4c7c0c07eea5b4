package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.FeatureContribution;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.inference.explanation.Attribution;
import io.hitorflop.inference.explanation.ShapleyExplainer;
import io.hitorflop.inference.neighbours.ReferenceTracks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The five models of one feature set, with the card that describes them: how their P(HIT) become
 * the verdict's probability and label (the card's {@link ReportedProbability}: weights,
 * calibration, threshold), the explainer of that probability and the reference tracks the closest
 * songs come from.
 */
public final class Ensemble implements AutoCloseable {

    /** How many closest training songs a verdict carries. */
    public static final int CLOSEST_SONGS = 10;

    private final FeatureSet featureSet;
    private final ModelCard card;
    private final ReportedProbability reported;
    private final List<Classifier> classifiers;
    private final ShapleyExplainer explainer;
    private final ReferenceTracks referenceTracks;
    private final double[] typicalValues;

    Ensemble(FeatureSet featureSet, ModelCard card, List<Classifier> classifiers, ShapleyExplainer explainer,
             ReferenceTracks referenceTracks) {
        this.featureSet = featureSet;
        this.card = card;
        this.reported = card.reportedProbability();
        this.classifiers = List.copyOf(classifiers);
        this.explainer = explainer;
        this.referenceTracks = referenceTracks;
        this.typicalValues = card.features().stream().mapToDouble(ModelCard.Feature::baseline).toArray();
    }

    public FeatureSet featureSet() {
        return featureSet;
    }

    /** The card's version: data sha256 prefix and code revision. */
    public String version() {
        return card.version();
    }

    /** The five models, in {@code ModelNames.ALL} order. */
    public List<Classifier> classifiers() {
        return classifiers;
    }

    public ShapleyExplainer explainer() {
        return explainer;
    }

    /**
     * The probability a verdict reports, for each of {@code rows} (float32 vectors in the card's
     * feature order): every model scores the batch once, then the card's weights and calibration
     * combine their P(HIT). The explanation explains whatever this returns.
     */
    public double[] reportedProbabilities(float[][] rows) throws OrtException {
        double[][] pHit = new double[classifiers.size()][];
        for (int member = 0; member < pHit.length; member++) {
            pHit[member] = classifiers.get(member).score(rows).pHit();
        }
        double[] probability = new double[rows.length];
        double[] members = new double[pHit.length];
        for (int row = 0; row < rows.length; row++) {
            for (int member = 0; member < members.length; member++) {
                members[member] = pHit[member][row];
            }
            probability[row] = reported.of(members);
        }
        return probability;
    }

    /** Scores the song with every model: each model's own label and P(HIT) (no explanation). */
    public List<ModelVote> votes(float[] song) throws OrtException {
        List<ModelVote> votes = new ArrayList<>(classifiers.size());
        for (Classifier classifier : classifiers) {
            ClassifierOutput output = classifier.score(new float[][] {song});
            votes.add(new ModelVote(classifier.name(), output.hit()[0] ? Verdict.Label.HIT : Verdict.Label.FLOP,
                    output.pHit()[0]));
        }
        return votes;
    }

    /** Interventional Shapley values of {@link #reportedProbabilities} at the song, against the card's background set. */
    public Attribution explain(float[] song) throws OrtException {
        return explainer.explain(song, this::reportedProbabilities);
    }

    /**
     * Reports the explained probability with its Shapley values (they sum to it minus the baseline),
     * labelled by the card's threshold on it, each model's own vote and the closest training songs;
     * the verdict carries the card's held-out test AUC of that probability, so a reader can tell how
     * much to trust it.
     */
    public Verdict judge(Map<String, Double> features) throws OrtException {
        float[] song = featureSet.toVector(features);
        List<ModelVote> votes = votes(song);
        int hitVotes = (int) votes.stream().filter(vote -> vote.label() == Verdict.Label.HIT).count();
        Attribution attribution = explain(song);
        List<FeatureContribution> explanation = new ArrayList<>(song.length);
        for (int feature = 0; feature < song.length; feature++) {
            String name = featureSet.names().get(feature);
            explanation.add(new FeatureContribution(name, features.get(name), typicalValues[feature],
                    attribution.values()[feature]));
        }
        explanation.sort(Comparator.comparingDouble((FeatureContribution c) -> Math.abs(c.contribution())).reversed());
        return new Verdict(reported.saysHit(attribution.probability()) ? Verdict.Label.HIT : Verdict.Label.FLOP, hitVotes,
                attribution.probability(), votes, explanation, card.heldOutAuc(), attribution.baseline(),
                referenceTracks.closest(song, CLOSEST_SONGS));
    }

    @Override
    public void close() throws OrtException {
        for (Classifier classifier : classifiers) {
            classifier.close();
        }
    }
}

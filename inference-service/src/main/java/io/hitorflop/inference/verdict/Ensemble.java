package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.FeatureContribution;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.inference.explanation.Attribution;
import io.hitorflop.inference.explanation.DistinctRows;
import io.hitorflop.inference.explanation.KnownRowScores;
import io.hitorflop.inference.explanation.ProbabilityFunction;
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
    /** {@link #reportedProbabilities} with the background rows scored once, on the first explanation. */
    private ProbabilityFunction explainedProbability;

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
     * feature order): every model scores the batch's distinct rows once (an explanation repeats
     * about half of its rows), then the card's weights and calibration combine their P(HIT). The
     * explanation explains whatever this returns.
     */
    public double[] reportedProbabilities(float[][] rows) throws OrtException {
        DistinctRows distinct = new DistinctRows(rows);
        float[][] distinctRows = distinct.rows();
        double[][] pHit = new double[classifiers.size()][];
        for (int member = 0; member < pHit.length; member++) {
            pHit[member] = classifiers.get(member).score(distinctRows).pHit();
        }
        double[] probability = new double[distinctRows.length];
        double[] members = new double[pHit.length];
        for (int row = 0; row < distinctRows.length; row++) {
            for (int member = 0; member < members.length; member++) {
                members[member] = pHit[member][row];
            }
            probability[row] = reported.of(members);
        }
        return distinct.scatter(probability);
    }

    /** Interventional Shapley values of {@link #reportedProbabilities} at the song, against the card's background set. */
    public Attribution explain(float[] song) throws OrtException {
        return explainer.explain(song, explainedProbability());
    }

    private synchronized ProbabilityFunction explainedProbability() throws OrtException {
        if (explainedProbability == null) {
            explainedProbability = KnownRowScores.of(explainer.background(), this::reportedProbabilities);
        }
        return explainedProbability;
    }

    /**
     * The verdicts of several songs, scored together: every model scores all of them in one call,
     * so a batch costs about what one song costs. Each verdict carries the reported probability,
     * labelled by the card's threshold, each model's own vote, the closest training songs and the
     * card's held-out test AUC of that probability, so a reader can tell how much to trust it. The
     * explanation is not part of it ({@link #explanation}: it costs hundreds of rows per song), so
     * the verdict's explanation is empty and its baseline null.
     */
    public List<Verdict> judge(List<Map<String, Double>> songs) throws OrtException {
        float[][] rows = new float[songs.size()][];
        for (int song = 0; song < rows.length; song++) {
            rows[song] = featureSet.toVector(songs.get(song));
        }
        ClassifierOutput[] outputs = new ClassifierOutput[classifiers.size()];
        for (int member = 0; member < outputs.length; member++) {
            outputs[member] = classifiers.get(member).score(rows);
        }
        List<Verdict> verdicts = new ArrayList<>(rows.length);
        double[] members = new double[outputs.length];
        for (int song = 0; song < rows.length; song++) {
            List<ModelVote> votes = new ArrayList<>(outputs.length);
            for (int member = 0; member < outputs.length; member++) {
                members[member] = outputs[member].pHit()[song];
                votes.add(new ModelVote(classifiers.get(member).name(),
                        outputs[member].hit()[song] ? Verdict.Label.HIT : Verdict.Label.FLOP, members[member]));
            }
            int hitVotes = (int) votes.stream().filter(vote -> vote.label() == Verdict.Label.HIT).count();
            double probability = reported.of(members);
            verdicts.add(new Verdict(reported.saysHit(probability) ? Verdict.Label.HIT : Verdict.Label.FLOP, hitVotes,
                    probability, votes, List.of(), card.heldOutAuc(), null,
                    referenceTracks.closest(rows[song], CLOSEST_SONGS)));
        }
        return verdicts;
    }

    /**
     * The song's Shapley values as a verdict shows them (each feature with the song's value and the
     * training median, strongest first); they sum to {@code probability - baseline}.
     */
    public Explanation explanation(Map<String, Double> features) throws OrtException {
        float[] song = featureSet.toVector(features);
        Attribution attribution = explain(song);
        List<FeatureContribution> contributions = new ArrayList<>(song.length);
        for (int feature = 0; feature < song.length; feature++) {
            String name = featureSet.names().get(feature);
            contributions.add(new FeatureContribution(name, features.get(name), typicalValues[feature],
                    attribution.values()[feature]));
        }
        contributions.sort(Comparator.comparingDouble((FeatureContribution c) -> Math.abs(c.contribution())).reversed());
        return new Explanation(attribution.probability(), attribution.baseline(), contributions);
    }

    /**
     * @param probability the explained probability (the verdict's)
     * @param baseline    its mean over the background set
     * @param contributions one Shapley value per feature, strongest first
     */
    public record Explanation(double probability, double baseline, List<FeatureContribution> contributions) {
    }

    @Override
    public void close() throws OrtException {
        for (Classifier classifier : classifiers) {
            classifier.close();
        }
    }
}

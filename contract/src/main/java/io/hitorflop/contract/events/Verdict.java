package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The ensemble's answer.
 *
 * @param label               HIT when {@code probability} reaches the model card's threshold (verdicts
 *                            before the card stated a {@code reportedProbability}: 3 of the 5 models)
 * @param hitVotes            how many models said HIT
 * @param probability         the calibrated combination of the models' HIT probabilities the card states
 *                            ({@code ModelCard.reportedProbability}; earlier verdicts: their mean); the
 *                            function the explanation explains
 * @param votes               each model's label and probability
 * @param explanation         per-feature contributions, strongest first: since {@link VerdictReady#SCHEMA_VERSION}
 *                            2 interventional Shapley values that sum to {@code probability - explanationBaseline};
 *                            in schema 1 occlusion differences against the training median
 * @param heldOutAuc          the model set's held-out test AUC of {@code probability} from its card; null in
 *                            verdicts written before it was carried, or by a card without it
 * @param explanationBaseline the expected probability over the model set's background set, from which the
 *                            Shapley values start; null in schema 1 verdicts
 * @param closestSongs        the training tracks nearest to the song in the KNN model's scaled feature
 *                            space, nearest first; null in schema 1 verdicts
 * @param explanationFollows  true when the explanation follows as an {@link ExplanationReady}, false when the
 *                            submitter asked for none (catalogue rows); null in verdicts that carry their own
 */
public record Verdict(Label label, int hitVotes, double probability, List<ModelVote> votes,
                      List<FeatureContribution> explanation,
                      @JsonInclude(JsonInclude.Include.NON_NULL) HeldOutAuc heldOutAuc,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Double explanationBaseline,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<ClosestSong> closestSongs,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean explanationFollows) {

    /** A verdict in the form before {@code explanationFollows} existed. */
    public Verdict(Label label, int hitVotes, double probability, List<ModelVote> votes,
                   List<FeatureContribution> explanation, HeldOutAuc heldOutAuc, Double explanationBaseline,
                   List<ClosestSong> closestSongs) {
        this(label, hitVotes, probability, votes, explanation, heldOutAuc, explanationBaseline, closestSongs, null);
    }

    /** A verdict in the schema 1 form: no Shapley baseline, no closest songs. */
    public Verdict(Label label, int hitVotes, double probability, List<ModelVote> votes,
                   List<FeatureContribution> explanation, HeldOutAuc heldOutAuc) {
        this(label, hitVotes, probability, votes, explanation, heldOutAuc, null, null, null);
    }

    /** This verdict, saying whether an explanation follows it. */
    public Verdict withExplanationFollowing(boolean follows) {
        return new Verdict(label, hitVotes, probability, votes, explanation, heldOutAuc, explanationBaseline,
                closestSongs, follows);
    }

    public enum Label {
        HIT,
        FLOP
    }
}

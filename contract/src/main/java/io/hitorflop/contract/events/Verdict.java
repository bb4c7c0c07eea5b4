package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The ensemble's answer.
 *
 * @param label        HIT when {@code probability} reaches the model card's threshold (verdicts
 *                     before the card stated a {@code reportedProbability}: 3 of the 5 models)
 * @param hitVotes     how many models said HIT
 * @param probability  the calibrated combination of the models' HIT probabilities the card
 *                     states ({@code ModelCard.reportedProbability}; earlier verdicts: their mean)
 * @param votes        each model's label and probability
 * @param explanation  per-feature contributions, strongest first
 * @param heldOutAuc   the model set's held-out test AUC of {@code probability} from its card; null in verdicts written
 *                     before it was carried, or by a card without it
 */
public record Verdict(Label label, int hitVotes, double probability, List<ModelVote> votes,
                      List<FeatureContribution> explanation,
                      @JsonInclude(JsonInclude.Include.NON_NULL) HeldOutAuc heldOutAuc) {

    public enum Label {
        HIT,
        FLOP
    }
}

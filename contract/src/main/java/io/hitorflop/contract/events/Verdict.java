package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The ensemble's answer.
 *
 * @param label        HIT when at least {@code ceil(models/2)} models say HIT (hard vote; 3 of 5)
 * @param hitVotes     how many models said HIT
 * @param probability  mean of the models' HIT probabilities (soft vote)
 * @param votes        each model's label and probability
 * @param explanation  per-feature contributions, strongest first
 * @param heldOutAuc   the model set's held-out test AUC from its card; null in verdicts written
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

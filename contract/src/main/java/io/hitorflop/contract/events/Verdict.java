package io.hitorflop.contract.events;

import java.util.List;

/**
 * The ensemble's answer.
 *
 * @param label        HIT when at least {@code ceil(models/2)} models say HIT (hard vote; 3 of 5)
 * @param hitVotes     how many models said HIT
 * @param probability  mean of the models' HIT probabilities (soft vote)
 * @param votes        each model's label and probability
 * @param explanation  per-feature contributions, strongest first
 */
public record Verdict(Label label, int hitVotes, double probability, List<ModelVote> votes,
                      List<FeatureContribution> explanation) {

    public enum Label {
        HIT,
        FLOP
    }
}

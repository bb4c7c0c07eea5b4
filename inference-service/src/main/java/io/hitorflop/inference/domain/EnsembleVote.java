package io.hitorflop.inference.domain;

import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;

import java.util.List;

/**
 * Combines the five models' answers by a hard (majority) vote on their labels and a soft vote
 * (mean of their HIT probabilities), as in scikit-learn's VotingClassifier.
 */
public record EnsembleVote(Verdict.Label label, int hitVotes, double probability) {

    /** @param minHits how many HIT labels make the ensemble say HIT (the card's hardVoteMinHits) */
    static EnsembleVote of(List<ModelVote> votes, int minHits) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("no votes to count");
        }
        int hits = (int) votes.stream().filter(vote -> vote.label() == Verdict.Label.HIT).count();
        double mean = votes.stream().mapToDouble(ModelVote::probability).average().orElseThrow();
        return new EnsembleVote(hits >= minHits ? Verdict.Label.HIT : Verdict.Label.FLOP, hits, mean);
    }
}

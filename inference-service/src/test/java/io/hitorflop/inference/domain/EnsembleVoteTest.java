package io.hitorflop.inference.domain;

import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict.Label;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EnsembleVoteTest {

    @Test
    void threeHitLabelsOfFiveMakeAHit() {
        EnsembleVote vote = EnsembleVote.of(votes(Label.HIT, Label.HIT, Label.HIT, Label.FLOP, Label.FLOP), 3);

        assertThat(vote.label()).isEqualTo(Label.HIT);
        assertThat(vote.hitVotes()).isEqualTo(3);
    }

    @Test
    void twoHitLabelsOfFiveMakeAFlopWhateverTheProbabilities() {
        List<ModelVote> votes = List.of(new ModelVote("random_forest", Label.HIT, 0.99),
                new ModelVote("xgboost", Label.HIT, 0.98), new ModelVote("ada_boost", Label.FLOP, 0.49),
                new ModelVote("knn", Label.FLOP, 0.45), new ModelVote("decision_tree", Label.FLOP, 0.40));

        EnsembleVote vote = EnsembleVote.of(votes, 3);

        assertThat(vote.label()).isEqualTo(Label.FLOP);
        assertThat(vote.hitVotes()).isEqualTo(2);
        assertThat(vote.probability()).as("soft vote is the mean").isCloseTo(0.662, within(1e-9));
    }

    @Test
    void theThresholdComesFromTheCard() {
        assertThat(EnsembleVote.of(votes(Label.HIT, Label.HIT, Label.FLOP, Label.FLOP, Label.FLOP), 2).label())
                .isEqualTo(Label.HIT);
    }

    private static List<ModelVote> votes(Label... labels) {
        return java.util.stream.IntStream.range(0, labels.length)
                .mapToObj(i -> new ModelVote("m" + i, labels[i], labels[i] == Label.HIT ? 0.7 : 0.3))
                .toList();
    }
}

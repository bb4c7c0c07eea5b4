package io.hitorflop.contract.models;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnsembleVoteTest {

    @Test
    void theTrainedRuleIsThreeOfTheFiveModelsAndEvenOdds() {
        EnsembleVote rule = EnsembleVote.MAJORITY_OF_ALL_MODELS;

        assertThat(rule.hardVoteMinHits()).isEqualTo(3);
        assertThat(rule.softThreshold()).isEqualTo(0.5);
        assertThat(rule.hardSaysHit(3)).isTrue();
        assertThat(rule.hardSaysHit(2)).isFalse();
    }

    @Test
    void aMajorityOfAnOddCountCannotTie() {
        EnsembleVote ofSeven = EnsembleVote.majorityOf(7);

        assertThat(ofSeven.hardSaysHit(4)).isTrue();
        assertThat(ofSeven.hardSaysHit(3)).as("4 of 7 said FLOP").isFalse();
    }

    @Test
    void aTieOfAnEvenCountIsNoMajority() {
        EnsembleVote ofFour = EnsembleVote.majorityOf(4);

        assertThat(ofFour.hardVoteMinHits()).isEqualTo(3);
        assertThat(ofFour.hardSaysHit(2)).as("2 against 2").isFalse();
    }

    @Test
    void aCardMayLetATieSayHit() {
        EnsembleVote halfOfFour = EnsembleVote.of(card(2, 0.5));

        assertThat(halfOfFour.hardSaysHit(2)).isTrue();
        assertThat(halfOfFour.hardSaysHit(1)).isFalse();
    }

    @Test
    void theSoftVoteSaysHitFromTheCardsThresholdOn() {
        EnsembleVote rule = EnsembleVote.of(card(3, 0.6));

        assertThat(rule.softSaysHit(0.6)).isTrue();
        assertThat(rule.softSaysHit(Math.nextDown(0.6))).isFalse();
        assertThat(rule.softSaysHit(0.5)).as("even odds are below this card's threshold").isFalse();
    }

    @Test
    void aRuleNoVoteCanSatisfyOrThatNeedsNoVoteIsRefused() {
        assertThatThrownBy(() -> new EnsembleVote(0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardVoteMinHits is 0");
        assertThatThrownBy(() -> EnsembleVote.of(card(6, 0.5)).requireReachableBy(5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 1..5");
        EnsembleVote.of(card(5, 0.5)).requireReachableBy(5);
    }

    @Test
    void aSoftThresholdThatIsNoProbabilityIsRefused() {
        assertThatThrownBy(() -> new EnsembleVote(3, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnsembleVote(3, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ModelCard card(int hardVoteMinHits, double softThreshold) {
        return new ModelCard("spotify", "v", "sha", "rev", 42, "train", List.of(), List.of(), hardVoteMinHits,
                softThreshold, Map.of(), null, null, null);
    }
}

package io.hitorflop.contract.models;

/**
 * How the members of an ensemble make one verdict, as its {@link ModelCard} states it: the hard
 * vote says HIT when at least {@code hardVoteMinHits} members label the song HIT; the soft vote
 * says HIT when the members' mean P(HIT) is at least {@code softThreshold} (scikit-learn's
 * VotingClassifier). Training writes the rule into the card and evaluates with it; the inference
 * service reads it back from the card, so both always count the same way.
 *
 * @param hardVoteMinHits how many HIT labels make the hard vote say HIT, at least 1
 * @param softThreshold   mean P(HIT) at or above which the soft vote says HIT, in [0, 1]
 */
public record EnsembleVote(int hardVoteMinHits, double softThreshold) {

    /** Mean P(HIT) that tips the soft vote: a song judged as likely a hit as a flop counts as HIT. */
    private static final double EVEN_ODDS = 0.5;

    /** The rule every trained card carries: a strict majority of the five models, and even odds. */
    public static final EnsembleVote MAJORITY_OF_ALL_MODELS = majorityOf(ModelNames.ALL.size());

    public EnsembleVote {
        if (hardVoteMinHits < 1) {
            throw new IllegalArgumentException("hardVoteMinHits is " + hardVoteMinHits + ": at least one HIT label must be needed");
        }
        if (!(softThreshold >= 0 && softThreshold <= 1)) {
            throw new IllegalArgumentException("softThreshold is " + softThreshold + ", not a probability");
        }
    }

    /** More than half of {@code members} labels decide the hard vote; ties of an even count say FLOP. */
    public static EnsembleVote majorityOf(int members) {
        return new EnsembleVote(members / 2 + 1, EVEN_ODDS);
    }

    /** The rule the card states. */
    public static EnsembleVote of(ModelCard card) {
        return new EnsembleVote(card.hardVoteMinHits(), card.softThreshold());
    }

    /** @throws IllegalArgumentException when {@code members} labels can never reach {@link #hardVoteMinHits} */
    public void requireReachableBy(int members) {
        if (hardVoteMinHits > members) {
            throw new IllegalArgumentException("hardVoteMinHits is " + hardVoteMinHits + " but there are only "
                    + members + " models, expected 1.." + members);
        }
    }

    public boolean hardSaysHit(int hitLabels) {
        return hitLabels >= hardVoteMinHits;
    }

    public boolean softSaysHit(double meanHitProbability) {
        return meanHitProbability >= softThreshold;
    }
}

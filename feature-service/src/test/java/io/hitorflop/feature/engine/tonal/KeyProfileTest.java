package io.hitorflop.feature.engine.tonal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The profiles against the literature: the tonal hierarchy both encode (Krumhansl 1990, ch. 2: the
 * tonic triad rated highest, then the other scale tones, then the chromatic ones), and the distances
 * between keys that Krumhansl &amp; Kessler 1982 derived from their ratings (Krumhansl 1990, table
 * 2.3: C major correlates 0.591 with G major, 0.651 with A minor, 0.511 with C minor and -0.683 with
 * F# major; the two-decimal ratings reproduce them within 0.002).
 */
class KeyProfileTest {

    private static final int[] MAJOR_SCALE = {0, 2, 4, 5, 7, 9, 11};

    /** Pitch classes ordered by rating, highest first. */
    private static int[] byRating(double[] profile) {
        return IntStream.range(0, 12).boxed()
                .sorted(Comparator.comparingDouble((Integer pitch) -> profile[pitch]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @EnumSource(KeyProfile.class)
    void theTonicTriadIsRatedHighest(KeyProfile profile) {
        assertThat(Arrays.copyOf(byRating(profile.major()), 3)).containsExactlyInAnyOrder(0, 4, 7);
        assertThat(Arrays.copyOf(byRating(profile.minor()), 3)).containsExactlyInAnyOrder(0, 3, 7);
    }

    @ParameterizedTest
    @EnumSource(KeyProfile.class)
    void theMajorScaleOutranksTheChromaticTones(KeyProfile profile) {
        assertThat(Arrays.copyOf(byRating(profile.major()), 7)).containsExactlyInAnyOrder(
                Arrays.stream(MAJOR_SCALE).boxed().toArray(Integer[]::new));
    }

    @Test
    void krumhanslKesslerKeyDistancesAreThePublishedOnes() {
        // the estimator's correlations: index tonic for major keys, 12 + tonic for minor keys
        double[] fromCMajor = new KeyEstimator(KeyProfile.KRUMHANSL_KESSLER)
                .correlations(KeyProfile.KRUMHANSL_KESSLER.major());
        assertThat(fromCMajor[0]).isCloseTo(1.0, within(1e-12));
        assertThat(fromCMajor[7]).isCloseTo(0.591, within(0.002));
        assertThat(fromCMajor[12 + 9]).isCloseTo(0.651, within(0.002));
        assertThat(fromCMajor[12]).isCloseTo(0.511, within(0.002));
        assertThat(fromCMajor[6]).isCloseTo(-0.683, within(0.002));
    }

    @Test
    void callersGetCopies() {
        KeyProfile.TEMPERLEY.major()[0] = -1;
        KeyProfile.TEMPERLEY.minor()[0] = -1;
        assertThat(KeyProfile.TEMPERLEY.major()[0]).isEqualTo(5.0);
        assertThat(KeyProfile.TEMPERLEY.minor()[0]).isEqualTo(5.0);
    }
}

package io.hitorflop.training.data;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The grouping key for an artist credit: the first credited artist, case- and accent-folded.
 * Cutting at every collaboration marker groups "Drake feat. Rihanna" with "Drake"; it also
 * merges duos such as "Simon &amp; Garfunkel" into "simon", which only makes the split stricter.
 */
public final class PrimaryArtist {

    private static final Pattern COLLABORATION = Pattern.compile(
            "\\s+(featuring|feat\\.?|ft\\.?|with|duet with|x|vs\\.?|&|and|\\+)\\s+|\\s*[,;/]\\s*");
    private static final Pattern FEATURED = Pattern.compile("\\s+(featuring|feat\\.?|ft\\.?)\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");

    public static String of(String credit) {
        if (credit == null || credit.isBlank()) {
            return "";
        }
        String folded = DIACRITICS.matcher(Normalizer.normalize(credit, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT).trim();
        String first = COLLABORATION.split(folded, 2)[0];
        return NON_ALPHANUMERIC.matcher(first).replaceAll(" ").trim();
    }

    /**
     * The primary credit as written, for display: featured artists cut off ("Drake Featuring
     * Rihanna" gives "Drake"), duos kept whole ("Simon &amp; Garfunkel").
     */
    public static String credited(String credit) {
        if (credit == null || credit.isBlank()) {
            return "";
        }
        return FEATURED.split(credit.trim(), 2)[0].trim();
    }

    private PrimaryArtist() {
    }
}

package io.hitorflop.service.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsafeCharactersTest {

    @Test
    void controlsAndReorderingBidiAreUnsafeEverywhereMarksAndSeparatorsOnlyInLogs() {
        for (char c : new char[]{'\0', '\n', '\r', '\u001B', '\u007F', '\u0085', '\u009F', '\u202A', '\u202E', '\u2066', '\u2069'}) {
            assertThat(UnsafeCharacters.isControlOrReordering(c)).as("U+%04X", (int) c).isTrue();
            assertThat(UnsafeCharacters.isUnsafeInLogs(c)).as("U+%04X", (int) c).isTrue();
        }
        for (char c : new char[]{'\u200E', '\u200F', '\u061C', '\u2028', '\u2029'}) {
            assertThat(UnsafeCharacters.isControlOrReordering(c)).as("U+%04X", (int) c).isFalse();
            assertThat(UnsafeCharacters.isUnsafeInLogs(c)).as("U+%04X", (int) c).isTrue();
        }
        for (char c : new char[]{' ', 'a', 'é', '\u00A0', '\u2065', '\u206A', '\u202F'}) {
            assertThat(UnsafeCharacters.isUnsafeInLogs(c)).as("U+%04X", (int) c).isFalse();
        }
    }

    @Test
    void theFirstFlawIsALoneSurrogateOrACharacterTheRuleRefuses() {
        assertThat(UnsafeCharacters.firstFlaw("clef \uD834\uDD1E ok", UnsafeCharacters::isControlOrReordering)).isEqualTo(-1);
        assertThat(UnsafeCharacters.firstFlaw("ab\uDC00\n", UnsafeCharacters::isControlOrReordering)).isEqualTo(2);
        assertThat(UnsafeCharacters.firstFlaw("ab\n\uD800", UnsafeCharacters::isControlOrReordering)).isEqualTo(2);
        assertThat(UnsafeCharacters.firstFlaw("ab\n\uD800", c -> c == '\0')).isEqualTo(3);
    }

    @Test
    void cleaningRemovesWhatTheRuleRefusesReplacesLoneSurrogatesAndNeverSplitsAPair() {
        assertThat(UnsafeCharacters.clean("a\u202Eb\uD800c\n", UnsafeCharacters::isControlOrReordering, 100))
                .isEqualTo("ab\uFFFDc");
        assertThat(UnsafeCharacters.clean("a\n\0b", c -> c == '\0', 100)).isEqualTo("a\nb");
        assertThat(UnsafeCharacters.clean("ab\uD834\uDD1E", c -> false, 3)).isEqualTo("ab");
        assertThat(UnsafeCharacters.clean("ab\uD834\uDD1E", c -> false, 4)).isEqualTo("ab\uD834\uDD1E");
    }
}

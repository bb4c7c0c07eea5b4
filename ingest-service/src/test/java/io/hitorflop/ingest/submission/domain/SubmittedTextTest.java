package io.hitorflop.ingest.submission.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubmittedTextTest {

    @Test
    void controlAndBidiCharactersAreRemovedFromNames() {
        assertThat(SubmittedText.clean("my\u0000 song\r\n.mp3")).isEqualTo("my song.mp3");
        assertThat(SubmittedText.clean("tab\there\u007f\u0085\u009f")).isEqualTo("tabhere");
        assertThat(SubmittedText.clean("\u202Eevil\u202C\u2066x\u2069.mp3")).isEqualTo("evilx.mp3");
    }

    @Test
    void loneSurrogatesAreReplacedAndPairsKept() {
        assertThat(SubmittedText.clean("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(SubmittedText.clean("\uD834\uDD1E clef")).isEqualTo("\uD834\uDD1E clef");
    }

    @Test
    void htmlAndOrdinaryUnicodeAreTextAndKept() {
        assertThat(SubmittedText.clean("<b>Beyoncé – 日本 \u200F</b>")).isEqualTo("<b>Beyoncé – 日本 \u200F</b>");
        assertThat(SubmittedText.flaw("https://example.com/é?q=<x>")).isEmpty();
    }

    @Test
    void aFlawNamesTheCharacterAndWhereItIs() {
        assertThat(SubmittedText.flaw("https://a.example/\r\nX-Injected: 1")).contains("holds the control character U+000D at index 18");
        assertThat(SubmittedText.flaw("https://a.example/\u202Egnp.exe")).contains("holds the bidirectional formatting character U+202E at index 18");
        assertThat(SubmittedText.flaw("https://a.example/\uDC00")).contains("holds a lone surrogate (invalid Unicode) at index 18");
        assertThat(SubmittedText.flaw("https://a.example/\u0000")).isPresent();
    }
}

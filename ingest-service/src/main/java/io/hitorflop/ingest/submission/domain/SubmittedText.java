package io.hitorflop.ingest.submission.domain;

import io.hitorflop.service.text.UnsafeCharacters;

import java.util.Optional;

/**
 * Text a client sends that is stored and shown elsewhere (PostgreSQL, logs, the dashboard):
 * control characters (C0 including NUL, CR and LF, DEL, C1), bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) and lone surrogates (what invalid UTF-8 or a JSON
 * {@code \ud800} escape decodes to) are removed from informative names and refused in URLs
 * ({@link UnsafeCharacters#isControlOrReordering}). HTML is ordinary text here: escaping it is the
 * job of whoever displays it.
 */
public final class SubmittedText {

    private SubmittedText() {
    }

    /** {@code raw} without control and bidi characters, each lone surrogate replaced by U+FFFD. */
    public static String clean(String raw) {
        return UnsafeCharacters.clean(raw, UnsafeCharacters::isControlOrReordering, Integer.MAX_VALUE);
    }

    /** What makes {@code text} unfit to store as is, or empty when it is clean. */
    public static Optional<String> flaw(String text) {
        int at = UnsafeCharacters.firstFlaw(text, UnsafeCharacters::isControlOrReordering);
        if (at < 0) {
            return Optional.empty();
        }
        char c = text.charAt(at);
        if (Character.isSurrogate(c)) {
            return Optional.of("holds a lone surrogate (invalid Unicode) at index " + at);
        }
        return Optional.of(String.format("holds the %s character U+%04X at index %d",
                UnsafeCharacters.kindOf(c), (int) c, at));
    }
}

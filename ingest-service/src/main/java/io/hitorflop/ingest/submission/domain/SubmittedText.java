package io.hitorflop.ingest.submission.domain;

import java.util.Optional;

/**
 * Text a client sends that is stored and shown elsewhere (PostgreSQL, logs, the dashboard):
 * control characters (C0 including NUL, CR and LF, DEL, C1), bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) and lone surrogates (what invalid UTF-8 or a JSON
 * {@code \ud800} escape decodes to) are removed from informative names and refused in URLs.
 * HTML is ordinary text here: escaping it is the job of whoever displays it.
 */
public final class SubmittedText {

    private static final char REPLACEMENT = '\uFFFD';

    private SubmittedText() {
    }

    /** {@code raw} without control and bidi characters, each lone surrogate replaced by U+FFFD. */
    public static String clean(String raw) {
        StringBuilder clean = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                clean.append(c).append(raw.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append(REPLACEMENT);
            } else if (!isControlOrBidi(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    /** What makes {@code text} unfit to store as is, or empty when it is clean. */
    public static Optional<String> flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds a lone surrogate (invalid Unicode) at index " + i);
            } else if (isControlOrBidi(c)) {
                return Optional.of(String.format("holds the %s character U+%04X at index %d",
                        Character.getType(c) == Character.CONTROL ? "control" : "bidirectional formatting", (int) c, i));
            }
        }
        return Optional.empty();
    }

    private static boolean isControlOrBidi(char c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}

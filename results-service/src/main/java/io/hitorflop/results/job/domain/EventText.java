package io.hitorflop.results.job.domain;

import io.hitorflop.service.text.UnsafeCharacters;

/**
 * Text that arrives in events, checked and cleaned before it is stored: PostgreSQL text cannot hold
 * NUL, a lone surrogate is not Unicode (the driver would store it as {@code ?}), and a field longer
 * than the limit would let one record take a slice of the database and of every answer that shows it.
 * Other control characters are kept: a failure's reason may span lines (ffmpeg's own words), and
 * the answers are JSON, which escapes them; ingest already removed them from what clients named.
 */
public final class EventText {

    private final int maxLength;

    public EventText(int maxLength) {
        this.maxLength = maxLength;
    }

    /** What makes {@code text} unstorable, or null when it can be stored as it is (also when it is null). */
    public String problem(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return "is " + text.length() + " characters long; the limit is " + maxLength;
        }
        int flaw = UnsafeCharacters.firstFlaw(text, EventText::isNul);
        if (flaw < 0) {
            return null;
        }
        return isNul(text.charAt(flaw)) ? "holds a NUL character" : "is not valid Unicode (a lone surrogate)";
    }

    /** The text without NUL characters, lone surrogates replaced by U+FFFD, cut to the limit. */
    public String clean(String text) {
        return text == null ? null : UnsafeCharacters.clean(text, EventText::isNul, maxLength);
    }

    private static boolean isNul(int c) {
        return c == '\0';
    }
}

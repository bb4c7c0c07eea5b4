package io.hitorflop.service.text;

import java.util.function.IntPredicate;

/**
 * The one definition of the characters that let text leave its place or change how it reads, and
 * of how text is walked with lone surrogates in mind. A lone surrogate (what invalid UTF-8 or a
 * JSON {@code \ud800} escape decodes to) is not Unicode: PostgreSQL's driver stores it as
 * {@code ?}. Which characters a use removes, refuses or escapes is its own choice, named here:
 * <ul>
 * <li>{@link #isControlOrReordering}: C0 (NUL, CR, LF, ESC…), DEL, C1, and the bidirectional
 * embeddings, overrides and isolates that reorder what a reader sees (U+202A–U+202E,
 * U+2066–U+2069, CVE-2021-42574 "Trojan Source") — what text a client sends may not hold;</li>
 * <li>{@link #isUnsafeInLogs}: those, the line and paragraph separators and the invisible
 * direction marks (LRM, RLM, ALM), which in a name are ordinary text but in a log line may hide
 * where it ends.</li>
 * </ul>
 */
public final class UnsafeCharacters {

    /** What a lone surrogate becomes when text is cleaned. */
    public static final char REPLACEMENT = '\uFFFD';

    private UnsafeCharacters() {
    }

    /** C0 and C1 control characters and DEL. */
    public static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL;
    }

    /** Bidirectional embeddings, overrides and isolates: they reorder the characters that follow. */
    public static boolean isBidiReordering(int c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    public static boolean isControlOrReordering(int c) {
        return isControl(c) || isBidiReordering(c);
    }

    public static boolean isUnsafeInLogs(int c) {
        return isControlOrReordering(c)
                || c == '\u2028' || c == '\u2029'
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /** "control" or "bidirectional formatting": what kind of unsafe character {@code c} is, for messages. */
    public static String kindOf(int c) {
        return isControl(c) ? "control" : "bidirectional formatting";
    }

    /** The index of the first lone surrogate or character {@code flawed} accepts, or -1 when there is none. */
    public static int firstFlaw(CharSequence text, IntPredicate flawed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || flawed.test(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code text} without the characters {@code removed} accepts, each lone surrogate replaced by
     * {@link #REPLACEMENT}, cut to {@code maxLength} chars without splitting a surrogate pair.
     */
    public static String clean(CharSequence text, IntPredicate removed, int maxLength) {
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length() && cleaned.length() < maxLength; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (cleaned.length() + 2 > maxLength) {
                    break;
                }
                cleaned.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cleaned.append(REPLACEMENT);
            } else if (!removed.test(c)) {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }
}

package io.hitorflop.results.job.domain;

/**
 * Text that arrives in events, checked and cleaned before it is stored: PostgreSQL text cannot hold
 * NUL, a lone surrogate is not Unicode (the driver would store it as {@code ?}), and a field longer
 * than the limit would let one record take a slice of the database and of every answer that shows it.
 */
public final class EventText {

    private static final char REPLACEMENT = '\uFFFD';

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
        if (text.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        if (hasLoneSurrogate(text)) {
            return "is not valid Unicode (a lone surrogate)";
        }
        return null;
    }

    /** The text without NUL characters, lone surrogates replaced by U+FFFD, cut to the limit. */
    public String clean(String text) {
        if (text == null) {
            return null;
        }
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
            } else if (c != '\0') {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

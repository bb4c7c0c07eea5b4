package io.hitorflop.service.logging;

import io.hitorflop.service.text.UnsafeCharacters;

/**
 * Escapes what would let text leave its place in a log line ({@link UnsafeCharacters#isUnsafeInLogs}):
 * C0 and C1 control characters (CR, LF, NUL, ESC for terminal sequences…), DEL, the Unicode line
 * and paragraph separators, the direction marks, and the bidirectional overrides and isolates that
 * reorder what a reader sees (CVE-2021-42574, "Trojan Source"). Each becomes a visible Java-style
 * escape ({@code \n}, {@code \u202E}); a backslash stays as it is, so the escaping is for reading,
 * not a reversible encoding.
 */
public final class LogText {

    private LogText() {
    }

    public static boolean needsEscaping(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (UnsafeCharacters.isUnsafeInLogs(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    public static String escape(CharSequence text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (UnsafeCharacters.isUnsafeInLogs(c)) {
                        escaped.append(String.format("\\u%04X", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}

package io.hitorflop.service.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The path a request is authorised on. Spellings that a router, a proxy and this service could
 * read as different paths (encoded dots, slashes, backslashes or percent signs, {@code ;} path
 * parameters, empty segments, dot-segments, a segment ending in a dot) are refused outright rather
 * than normalised: no client of this API needs them, and refusing leaves no second reading to
 * route around the key check. What remains is percent-decoded as strict UTF-8.
 */
public final class RequestPath {

    /** A segment that is {@code .}, {@code ..} or ends in a dot (Windows-style trailing dots). */
    private static final Pattern DOTTED_SEGMENT = Pattern.compile("(^|/)[^/]*\\.(/|$)");

    private RequestPath() {
    }

    /** The decoded path of {@code rawPath} (as sent, without the query). */
    public static String decode(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new InvalidPathException("the path must start with /");
        }
        if (!rawPath.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidPathException("the path must be printable ASCII (percent-encode the rest)");
        }
        if (rawPath.indexOf('\\') >= 0) {
            throw new InvalidPathException("the path must not contain a backslash");
        }
        if (rawPath.indexOf(';') >= 0) {
            throw new InvalidPathException("the path must not contain ; (path parameters)");
        }
        if (rawPath.contains("//")) {
            throw new InvalidPathException("the path must not contain an empty segment (//)");
        }
        String decoded = percentDecode(rawPath);
        if (DOTTED_SEGMENT.matcher(decoded).find()) {
            throw new InvalidPathException("the path must not contain a dot-segment or a segment ending in a dot");
        }
        return decoded;
    }

    private static String percentDecode(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
            if (low < 0) {
                throw new InvalidPathException("the path has a % not followed by two hex digits");
            }
            int octet = high * 16 + low;
            if (octet == '.' || octet == '/' || octet == '\\' || octet == '%' || octet == ';' || octet < 0x20
                    || octet == 0x7f) {
                throw new InvalidPathException("the path must not percent-encode . / \\ % ; or control characters");
            }
            bytes.put((byte) octet);
            i += 2;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPathException("the path's percent-encoding is not UTF-8");
        }
    }

    /** A path refused before any routing: answered 400 {@code invalid-path}. */
    public static final class InvalidPathException extends RuntimeException {

        InvalidPathException(String reason) {
            super(reason);
        }
    }
}

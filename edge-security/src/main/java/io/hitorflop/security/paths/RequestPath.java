package io.hitorflop.security.paths;

import java.util.Locale;

/**
 * The normal form of a request's raw path, or the reason it has none; the one rule of the local
 * router and of every service's API-key gate, so a path the router forwards reads the same to the
 * service that authorises it. A path that another component (a router, a filter, a file system)
 * could read as a different path is refused rather than repaired: encoded separators and dots ({@code %2f},
 * {@code %5c}, {@code %2e}), encoded percents (double encoding, {@code %252e}), path parameters
 * ({@code ;}), empty segments ({@code //}), dot-segments and segments ending in a dot
 * ({@code /v1./jobs}, which some servers trim). Other percent-escapes of unreserved characters
 * ({@code %76%31} for {@code v1}) are decoded (RFC 3986 section 6.2.2.2), so the rules see the
 * path the service will route on.
 */
public final class RequestPath {

    /** RFC 3986 pchar without '%' (escapes are handled apart) and ';' (refused), plus '/'. */
    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,=:@/";
    /** Characters whose escape is refused: it would change the path's structure once decoded. */
    private static final String STRUCTURAL = "./\\%;";

    private RequestPath() {
    }

    /** Thrown for a path the router refuses; the message says why. */
    public static final class InvalidPathException extends RuntimeException {
        InvalidPathException(String reason) {
            super(reason);
        }
    }

    /** The decoded, checked path, safe to forward as it is. */
    public static String normalise(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new InvalidPathException("the path must start with '/'");
        }
        StringBuilder decoded = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                decoded.append(decodeEscape(rawPath, i));
                i += 2;
            } else if (c == ';') {
                throw new InvalidPathException("path parameters (';') are not accepted");
            } else if (c == '\\') {
                throw new InvalidPathException("backslashes are not accepted");
            } else if (ALLOWED.indexOf(c) < 0) {
                throw new InvalidPathException("character 0x" + Integer.toHexString(c) + " is not accepted in a path");
            } else {
                decoded.append(c);
            }
        }
        String path = decoded.toString();
        if (path.contains("//")) {
            throw new InvalidPathException("empty path segments ('//') are not accepted");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.endsWith(".")) {
                throw new InvalidPathException("dot-segments and segments ending in '.' are not accepted");
            }
        }
        return path;
    }

    private static char decodeEscape(String rawPath, int at) {
        if (at + 2 >= rawPath.length()) {
            throw new InvalidPathException("truncated percent-escape");
        }
        int high = Character.digit(rawPath.charAt(at + 1), 16);
        int low = Character.digit(rawPath.charAt(at + 2), 16);
        if (high < 0 || low < 0) {
            throw new InvalidPathException("malformed percent-escape '" + rawPath.substring(at, at + 3) + "'");
        }
        char c = (char) (high * 16 + low);
        String escape = rawPath.substring(at, at + 3).toLowerCase(Locale.ROOT);
        if (STRUCTURAL.indexOf(c) >= 0) {
            throw new InvalidPathException("encoded '" + c + "' (" + escape + ") is not accepted in a path");
        }
        if (ALLOWED.indexOf(c) < 0) {
            throw new InvalidPathException("encoded character " + escape + " is not accepted in a path");
        }
        return c;
    }
}

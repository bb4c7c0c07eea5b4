package io.hitorflop.launcher.router;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Which headers a proxy passes on. Hop-by-hop headers (RFC 9110 section 7.6.1: Connection, the
 * headers it names, Keep-Alive, Proxy-*, TE, Trailer, Transfer-Encoding, Upgrade) concern one
 * connection only and are dropped; so are the framing headers the router's HTTP client and server
 * set themselves (Host, Content-Length, Expect, Date).
 */
final class ForwardedHeaders {

    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "expect", "date");

    private ForwardedHeaders() {
    }

    /** Calls {@code sink} for each header value of {@code headers} that crosses the proxy. */
    static void copy(Map<String, List<String>> headers, BiConsumer<String, String> sink) {
        Set<String> dropped = new TreeSet<>(NOT_FORWARDED);
        headers.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("connection")) {
                values.forEach(value -> Arrays.stream(value.split(","))
                        .map(token -> token.trim().toLowerCase(Locale.ROOT))
                        .filter(token -> !token.isEmpty())
                        .forEach(dropped::add));
            }
        });
        headers.forEach((name, values) -> {
            if (name != null && !name.startsWith(":") && !dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> sink.accept(name, value));
            }
        });
    }
}

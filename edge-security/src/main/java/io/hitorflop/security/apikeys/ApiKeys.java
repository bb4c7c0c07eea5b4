package io.hitorflop.security.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * API keys kept only as SHA-256 digests ({@code id:sha256hex} entries in configuration, as in
 * {@code printf %s "$KEY" | sha256sum}). A presented key is hashed and compared with every entry
 * in constant time ({@link MessageDigest#isEqual}) without stopping at a match, so the time taken
 * tells nothing about which entry, or how much of one, matched. Keys are random and long, so an
 * unsalted fast hash is enough: the digest only has to resist inversion, not guessing.
 */
public final class ApiKeys {

    /** The request header that carries the key; {@code Authorization: Bearer <key>} is read too. */
    public static final String HEADER = "X-API-Key";

    private record Entry(String id, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads {@code id:sha256hex} entries; a malformed entry is a configuration error. */
    public static ApiKeys fromConfig(Collection<String> configured) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : configured) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String hex = colon < 0 ? "" : entry.substring(colon + 1).toLowerCase(Locale.ROOT);
            if (colon <= 0 || !hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("API key entry '" + redact(entry)
                        + "' is not 'id:sha256hex' (an id, a colon, 64 hex digits)");
            }
            String id = entry.substring(0, colon);
            if (entries.stream().anyMatch(known -> known.id().equals(id))) {
                throw new IllegalArgumentException("API key id '" + id + "' is configured twice");
            }
            entries.add(new Entry(id, HexFormat.of().parseHex(hex)));
        }
        return new ApiKeys(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The id of the entry whose digest matches the presented key, if any. */
    public Optional<String> identify(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presentedKey);
        String matched = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && matched == null) {
                matched = entry.id();
            }
        }
        return Optional.ofNullable(matched);
    }

    /** The key presented by a request: the {@value #HEADER} header, else an {@code Authorization: Bearer} token. */
    public static Optional<String> presented(String apiKeyHeader, String authorizationHeader) {
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return Optional.of(apiKeyHeader.strip());
        }
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorizationHeader.substring(7).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    /** The configuration entry for a key: {@code id:sha256hex}. */
    public static String entryFor(String id, String key) {
        return id + ":" + HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }

    private static String redact(String entry) {
        int colon = entry.indexOf(':');
        return colon < 0 ? "<no colon>" : entry.substring(0, colon) + ":…";
    }
}

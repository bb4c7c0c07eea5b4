package io.hitorflop.launcher.analyze.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} of a catalogue's submission: SHA-256 of the query and the file's
 * bytes. Sending the same file with the same options again (a re-run after the connection broke
 * before the 202 arrived) gives the same key, so ingest answers with the batch it already accepted
 * instead of scoring the catalogue twice; another file or other options are another batch.
 */
public final class CatalogueIdempotencyKey {

    private static final String PREFIX = "catalogue-sha256-";

    private CatalogueIdempotencyKey() {
    }

    public static String of(Path catalogue, BatchOptions options) throws IOException {
        MessageDigest sha256 = sha256();
        // the query first, ended by a newline no query contains, so no file and options hash like others
        sha256.update((options.query() + "\n").getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(Files.newInputStream(catalogue), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException every17JdkHasIt) {
            throw new IllegalStateException(every17JdkHasIt);
        }
    }
}

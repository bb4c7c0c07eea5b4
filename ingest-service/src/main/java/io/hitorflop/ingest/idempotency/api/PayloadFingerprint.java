package io.hitorflop.ingest.idempotency.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of what a submission asks for, to tell a repeated request from a different one under
 * the same Idempotency-Key: the JSON body as sent, or for an upload the file and then each form
 * parameter, every one of them prefixed with its length in bytes, so no two different (file, name,
 * webhook) triples give the same input (without the file's length, bytes could move between the
 * end of the file and the first parameter).
 */
public final class PayloadFingerprint {

    private PayloadFingerprint() {
    }

    public static String ofBody(byte[] body) {
        return HexFormat.of().formatHex(sha256().digest(body));
    }

    public static String ofUpload(Path file, String... parameters) throws IOException {
        MessageDigest digest = sha256();
        digest.update(lengthPrefix(Files.size(file)));
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        for (String parameter : parameters) {
            byte[] bytes = parameter == null ? new byte[0] : parameter.getBytes(StandardCharsets.UTF_8);
            digest.update(lengthPrefix(parameter == null ? -1 : bytes.length));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] lengthPrefix(long length) {
        return (length + ":").getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }
}

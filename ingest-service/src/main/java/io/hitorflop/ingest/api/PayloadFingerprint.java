package io.hitorflop.ingest.api;

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
 * the same Idempotency-Key: the JSON body as sent, or for an upload the file's bytes followed by
 * each form parameter (length-prefixed, so no two different forms give the same input).
 */
final class PayloadFingerprint {

    private PayloadFingerprint() {
    }

    static String ofBody(byte[] body) {
        return HexFormat.of().formatHex(sha256().digest(body));
    }

    static String ofUpload(Path file, String... parameters) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        for (String parameter : parameters) {
            byte[] bytes = parameter == null ? new byte[0] : parameter.getBytes(StandardCharsets.UTF_8);
            digest.update((parameter == null ? "-1:" : bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }
}

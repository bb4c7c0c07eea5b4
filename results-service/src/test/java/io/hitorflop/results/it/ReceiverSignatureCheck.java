package io.hitorflop.results.it;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * A webhook receiver's signature check, exactly as results-service/README.md shows it (Standard
 * Webhooks): the test checks what the service sends the way a receiver would, independently of
 * the service's own signing code.
 */
final class ReceiverSignatureCheck {

    private ReceiverSignatureCheck() {
    }

    // --- README: verifying a webhook (begin) ---
    /** True when one of the signatures is ours and the message is at most five minutes old. */
    static boolean verify(String secret, String webhookId, String webhookTimestamp, String webhookSignature,
                          byte[] body) throws Exception {
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(webhookTimestamp));
        if (age > 300) {
            return false; // too old (or from the future): a replay
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((webhookId + "." + webhookTimestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body); // the raw body bytes, before any JSON parsing
        for (String signature : webhookSignature.split(" ")) {
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }
    // --- README: verifying a webhook (end) ---
}

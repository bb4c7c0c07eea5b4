package io.hitorflop.results.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} of the Standard Webhooks specification
 * (https://www.standardwebhooks.com, "Signature scheme"): {@code v1,} followed by the base64 of
 * HMAC-SHA256 over {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the bytes of the
 * base64 part of a {@code whsec_} secret.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException when the secret is not {@code whsec_} + base64 of at least 24 bytes */
    public WebhookSignature(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part of the webhook secret after " + SECRET_PREFIX
                    + " is not base64", e);
        }
        // The specification asks for secrets of 24 to 64 bytes.
        if (bytes.length < 24 || bytes.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes, this one " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The header value for one attempt: {@code timestamp} is in seconds since the epoch. */
    public String sign(String webhookId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

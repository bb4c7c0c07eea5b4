package io.hitorflop.results.webhook.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    /** The test vector published with the Standard Webhooks reference libraries. */
    @Test
    void reproducesTheStandardWebhooksTestVector() {
        WebhookSignature signature = new WebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String header = signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        WebhookSignature signature = new WebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String original = signature.sign("id", 100, body);

        assertThat(signature.sign("id2", 100, body)).isNotEqualTo(original);
        assertThat(signature.sign("id", 101, body)).isNotEqualTo(original);
        assertThat(signature.sign("id", 100, "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(original);
    }

    @Test
    void refusesSecretsThatAreNotWhsecBase64OfTheRightLength() {
        assertThatThrownBy(() -> new WebhookSignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("whsec_");
        assertThatThrownBy(() -> new WebhookSignature("whsec_not base64!"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> new WebhookSignature("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 bytes");
    }
}

package io.hitorflop.ingest.submission.api;

import java.util.Map;

/**
 * Body of a JSON submission: either Spotify audio features by name, or a link to the song; an
 * optional webhook is called when the job ends.
 */
public record JobSubmission(Map<String, Double> features, String url, Webhook webhook) {

    /** Where the results service posts the finished job (Standard Webhooks). */
    public record Webhook(String url) {
    }

    String webhookUrl() {
        return webhook == null ? null : webhook.url();
    }
}

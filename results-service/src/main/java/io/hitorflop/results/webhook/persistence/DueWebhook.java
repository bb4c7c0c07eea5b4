package io.hitorflop.results.webhook.persistence;

import java.util.UUID;

/**
 * A webhook claimed for one attempt.
 *
 * @param attempt the number of the attempt about to be made, from 1
 * @param payload the body fixed at the first attempt; null before it
 */
public record DueWebhook(UUID webhookId, UUID jobId, String url, int attempt, String payload) {
}

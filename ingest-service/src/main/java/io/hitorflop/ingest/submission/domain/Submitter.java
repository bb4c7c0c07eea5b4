package io.hitorflop.ingest.submission.domain;

/**
 * Who submitted a job and where to call back.
 *
 * @param owner      the API key id; null in the anonymous local mode (API keys off)
 * @param webhookUrl checked by the egress guard at submission; null for none
 */
public record Submitter(String owner, String webhookUrl) {

    public static final Submitter ANONYMOUS = new Submitter(null, null);
}

package io.hitorflop.ingest.batch.domain;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.ingest.submission.domain.Submitter;

/**
 * What a batch asks for besides its rows.
 *
 * @param vectors   the feature set of its vector rows ({@code ?featureSet=}, {@code spotify} by default)
 * @param explain   whether its verdicts carry explanations ({@code ?explain=}, false by default)
 * @param submitter its owner and the webhook told when it completes ({@code ?webhookUrl=})
 */
public record BatchRequest(FeatureSet vectors, boolean explain, Submitter submitter) {
}

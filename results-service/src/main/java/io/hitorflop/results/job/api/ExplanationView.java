package io.hitorflop.results.job.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.events.FeatureContribution;

import java.util.List;

/**
 * The data of a job event stream's {@code explanation} event: the verdict's Shapley values,
 * strongest first, and the baseline they start from (the same fields as in the job's verdict).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplanationView(Double explanationBaseline, List<FeatureContribution> explanation) {
}

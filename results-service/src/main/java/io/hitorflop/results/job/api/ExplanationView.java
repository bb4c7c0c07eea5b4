package io.hitorflop.results.job.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.events.FeatureContribution;

import java.util.List;

/**
 * The data of a job event stream's {@code explanation} event: the verdict's Shapley values,
 * strongest first, and the baseline they start from, or (no values) why they could not be computed:
 * the same fields as in the job's verdict.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplanationView(Double explanationBaseline, List<FeatureContribution> explanation,
                              JobView.ProblemView explanationUnavailable) {

    static ExplanationView of(JobView.VerdictView verdict) {
        return new ExplanationView(verdict.explanationBaseline(), verdict.explanation(), verdict.explanationUnavailable());
    }
}

package io.hitorflop.results.job.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.ClosestSong;
import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.contract.events.FeatureContribution;
import io.hitorflop.contract.events.HeldOutAuc;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.results.job.domain.Failure;
import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.persistence.StoredExplanation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A job as {@code GET /v1/jobs/{id}} shows it; absent parts are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, JobStatus status, JobSource source, String featureSet, String sourceName,
                      Instant createdAt, Instant updatedAt, List<TransitionView> transitions,
                      Map<String, Double> features, Map<String, Double> descriptors, SpectralDna dna,
                      VerdictView verdict, FailureView failure) {

    public record TransitionView(JobStatus status, Instant at) {
    }

    /**
     * The ensemble's verdict and which model set gave it, with that set's held-out test AUC
     * (absent in verdicts made before the inference service sent it); since verdict schema 2 the
     * explanation's Shapley baseline (the contributions sum to {@code probability} minus it) and
     * the closest training songs (both absent in older verdicts). The explanation follows the
     * verdict ({@code ExplanationReady}): until it is stored, {@code explanation} is empty,
     * {@code explanationBaseline} absent and {@code explanationPending} true; a verdict whose
     * submitter asked for no explanation (a catalogue row) is never pending. When the explanation
     * could not be computed or stored, it is not pending either and {@code explanationUnavailable}
     * says why (until an explanation is stored after all).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictView(Verdict.Label label, int hitVotes, double probability, List<ModelVote> votes,
                              List<FeatureContribution> explanation, boolean explanationPending, String modelSet,
                              String modelVersion, HeldOutAuc heldOutAuc, Double explanationBaseline,
                              List<ClosestSong> closestSongs, ProblemView explanationUnavailable) {
    }

    public record FailureView(String type, String title, String detail, String stage) {
    }

    /**
     * An RFC 9457 problem's type, title and detail, where something is missing but nothing failed
     * (a verdict's reasons, a batch's lost rows).
     */
    public record ProblemView(String type, String title, String detail) {

        public static ProblemView of(ProblemType type, String detail) {
            return new ProblemView(type.uri(), type.title(), detail);
        }
    }

    /**
     * @param explanation the verdict's follow-up explanation, or why it will not come; a verdict
     *                    made before explanations followed carries its own and needs none
     */
    public static JobView of(Job job, StoredExplanation explanation) {
        List<TransitionView> transitions = job.transitions().entrySet().stream()
                .map(entry -> new TransitionView(entry.getKey(), entry.getValue()))
                .toList();
        Verdict verdict = job.publishedVerdict();
        Failure failure = job.failure();
        return new JobView(job.id().toString(), job.status(), job.source(), job.featureSet(), job.sourceName(),
                job.createdAt(), job.updatedAt(), transitions,
                inModelOrder(job.featureSet(), job.features()), job.descriptors(), job.dna(),
                verdict == null ? null : verdictView(job, verdict, explanation),
                failure == null ? null
                        : new FailureView(failure.type(), failure.title(), failure.detail(), failure.stage()));
    }

    private static VerdictView verdictView(Job job, Verdict verdict, StoredExplanation stored) {
        boolean carriesItsOwn = verdict.explanation() != null && !verdict.explanation().isEmpty();
        ExplanationReady explanation = stored.explanation();
        List<FeatureContribution> contributions = carriesItsOwn || explanation == null
                ? verdict.explanation() : explanation.explanation();
        Double baseline = carriesItsOwn || explanation == null
                ? verdict.explanationBaseline() : Double.valueOf(explanation.explanationBaseline());
        boolean awaited = !carriesItsOwn && explanation == null && !Boolean.FALSE.equals(verdict.explanationFollows());
        boolean unavailable = awaited && stored.unavailable();
        return new VerdictView(verdict.label(), verdict.hitVotes(), verdict.probability(), verdict.votes(),
                contributions == null ? List.of() : contributions, awaited && !unavailable,
                job.featureSet(), job.modelVersion(), verdict.heldOutAuc(), baseline, verdict.closestSongs(),
                unavailable ? ProblemView.of(ProblemType.EXPLANATION_UNAVAILABLE, stored.unavailableDetail()) : null);
    }

    /** PostgreSQL's jsonb does not keep key order; give the features back in the set's input order. */
    private static Map<String, Double> inModelOrder(String featureSet, Map<String, Double> features) {
        boolean knownSet = Arrays.stream(FeatureSet.values()).anyMatch(set -> set.id().equals(featureSet));
        if (features == null || !knownSet || !features.keySet().containsAll(FeatureSet.fromId(featureSet).names())) {
            return features;
        }
        return FeatureSet.fromId(featureSet).select(features);
    }
}

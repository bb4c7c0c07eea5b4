package io.hitorflop.training.report;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.training.combination.CombinationChoice;
import io.hitorflop.training.data.MeasurementErrors;
import io.hitorflop.training.evaluation.Evaluation;
import io.hitorflop.training.evaluation.GroupedCrossValidation;
import io.hitorflop.training.evaluation.LoudnessSensitivity;
import io.hitorflop.training.evaluation.NoiseStability;
import io.hitorflop.training.evaluation.ReplacedSystemProtocol;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code train} run tells the report: the figures the report prints come from
 * here or from named constants, never from its prose.
 *
 * @param sets           per feature set, in contract order
 * @param replacedSystem the replaced system's protocol, as run and honestly
 * @param dataSummary    what the data and split looked like (item -> value)
 * @param protocol       the settings the run used
 * @param machine        how long it took and where
 */
public record TrainingReport(List<SetResult> sets, List<ReplacedSystemProtocol.Result> replacedSystem,
                             Map<String, Object> dataSummary, Protocol protocol, Machine machine) {

    /** Upper bound for all ONNX files together, which the service packages. */
    public static final long ONNX_BUDGET_MEGABYTES = 25;

    /**
     * @param searches    per model, in ensemble order: the hyper-parameter search and its choice
     * @param exports     per model, in ensemble order: its ONNX file
     * @param sensitivity the verdicts' loudness sensitivity, one per offset
     * @param importance  permutation importance per feature, in set order
     * @param combination how the verdict's probability and label were chosen
     * @param robustness  the verdict's stability under our measurement errors; null for a set that is not measured by us
     */
    public record SetResult(FeatureSet set, Evaluation evaluation, List<ModelSearch> searches, List<ExportedModel> exports,
                            List<LoudnessSensitivity> sensitivity, Map<String, Double> importance,
                            CombinationChoice.Result combination, Robustness robustness) {
    }

    /**
     * @param errors    the measurement errors replayed (from the development corpus)
     * @param cleanFit  the set's models fitted with the same hyper-parameters on the clean training part only
     * @param augmented the shipped models, fitted on the training part with its noisy copies
     */
    public record Robustness(MeasurementErrors errors, NoiseStability cleanFit, NoiseStability augmented) {
    }

    /** @param chosen the hyper-parameters the shipped model was fitted with */
    public record ModelSearch(String model, Map<String, Object> chosen, List<GroupedCrossValidation.Trial> trials) {
    }

    public record ExportedModel(String model, long bytes, String sha256) {
    }

    /**
     * @param testFraction     share of the tracks held back as the test part
     * @param folds            grouped cross-validation folds of the hyper-parameter search
     * @param vote             the vote rule the cards state
     * @param members          how many models vote
     * @param loudnessOffsetDb the systematic loudness error whose effect is measured, +/-
     */
    public record Protocol(long seed, double testFraction, int folds, EnsembleVote vote, int members,
                           double loudnessOffsetDb) {
    }

    /**
     * @param seconds     from the start of the run to the last file written
     * @param cores       processors the JVM could use
     * @param loadAverage system load average when the run finished (negative where unavailable)
     */
    public record Machine(double seconds, int cores, double loadAverage) {
    }
}

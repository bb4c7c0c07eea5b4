package io.hitorflop.training.report;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.combination.CombinationChoice;
import io.hitorflop.training.evaluation.BinaryMetrics;
import io.hitorflop.training.evaluation.Evaluation;
import io.hitorflop.training.evaluation.GroupedCrossValidation;
import io.hitorflop.training.evaluation.LoudnessSensitivity;
import io.hitorflop.training.evaluation.NoiseStability;
import io.hitorflop.training.data.MeasurementErrors;
import io.hitorflop.training.evaluation.ReplacedSystemProtocol;
import io.hitorflop.training.learners.Scores;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders the template from a run made up here, so every figure can be traced to where it lands. */
class ReportWriterTest {

    private static final List<String> MEMBERS = List.of("random_forest", "knn", "decision_tree", "xgboost");

    @Test
    void theRunsFiguresLandInTheReport() {
        String report = ReportWriter.render(run());

        assertThat(report)
                .contains("- **audio** set (5 features), held-back test part of 4321 tracks from artists never seen in"
                        + " training: the verdict's probability (stacking combination, platt calibration) has ROC AUC"
                        + " 0.800 [0.611, 0.722] (best single member, xgboost: 0.760 [0.611, 0.722]; the old soft vote:"
                        + " 0.777 [0.611, 0.722]); its label (HIT at P(HIT) >= 0.47) is right on 0.700 [0.611, 0.722] of"
                        + " the tracks (hard vote: 0.679 [0.611, 0.722]); expected calibration error 0.1500 (soft vote: 0.1250).")
                .contains("| stacking | 0.7300, 0.7500 | 0.7400 | **yes** |")
                .contains("| soft_vote | 0.7000, 0.7200 | 0.7100 |  |")
                .contains("| platt | 0.2000, 0.2200 | 0.2100 | 0.7300, 0.7500 | 0.7400 | **yes** |")
                .contains("| isotonic | 0.1900, 0.2100 | 0.2000 | 0.7200, 0.7400 | 0.7300 |  |")
                .contains("Weights: random_forest 0.1000, xgboost 0.2000, ada_boost 0.3000, knn 0.4000, decision_tree 0.5000.")
                .contains("Platt, P(HIT) = 1 / (1 + exp(-(2.5000 z -1.2500))) of the weighted sum z. Threshold: 0.47")
                .contains("(out-of-fold accuracy 0.689)")
                .contains("reported minus hard vote: +2.1 points")
                .contains("| before: soft vote (mean of the five P(HIT), what verdicts reported until now) | 0.1250 | 0.1267 |")
                .contains("| after: reported (calibrated combination) | 0.1500 | 0.0450 |")
                .contains("| 0.6-0.7 | 2 | 0.650 | 0.500 | 0 |  |  |")
                .contains("| 0.7-0.8 | 0 |  |  | 1 | 0.700 | 1.000 |")
                .contains("![reliability diagram](training/reliability-audio.png)")
                .contains("| knn | 0.601 [0.611, 0.722] |")
                .contains("| xgboost | `{depth=4}` | 0.7100, 0.7200 | 0.7150 | 0.0050 | **yes** |")
                .contains("| xgboost | `{depth=2}` | 0.7000, 0.6000 | 0.6500 | 0.0500 |  |")
                .contains("Values: tempo 0.0123, loudness 0.0456.")
                .contains("| audio | -2 dB | 12.5% | 10.0% | -0.0300 | 0.0400 | 0.650 |")
                .contains("| audio | xgboost | 1,234,567 | `0123456789abcdef` |")
                .contains("All 2 files together: 1,235,567 bytes (budget 25 MB).")
                .contains("old protocol as run: hard vote accuracy 0.679 [0.611, 0.722] (8.6% of test rows")
                .contains("900 rows in, 700 train / 200 test after undersampling; 8.6% of test rows are a track that is"
                        + " also in train, 66.8% have an artist that is also in train.")
                .contains("worth 0.0 points on this data");
    }

    @Test
    void theProtocolAndMachineComeFromTheRunNotFromTheProse() {
        String report = ReportWriter.render(run());

        assertThat(report)
                .contains("hard vote = HIT when at least\n  2 of the 4 models say HIT; soft vote = HIT when the mean P(HIT) is at least\n  0.6.")
                .contains("fitted on 3/4 of the training part")
                .contains("until it holds 25% of the")
                .contains("grid search by 4-fold grouped cross-validation")
                .contains("### Hyper-parameter search (grouped 4-fold CV on the training part)")
                .contains("+/-2 dB would do")
                .contains("This `train` run took 123 s on the build machine (8 cores available to the JVM")
                .contains("system load average 1.5 when it finished")
                .contains("fixed seed 7,")
                .doesNotContain("3 of the 5", "2 cores", "seed 42", "20%", "+/-3 dB");
    }

    @Test
    void theComparisonOfTheReplacedProtocolIsLeftOutUnlessBothRunsAreThere() {
        TrainingReport both = run();
        TrainingReport one = new TrainingReport(both.sets(), both.replacedSystem().subList(0, 1), both.dataSummary(),
                both.protocol(), both.machine());

        assertThat(ReportWriter.render(both)).contains("What the old 77.9% was made of");
        assertThat(ReportWriter.render(one)).doesNotContain("What the old");
    }

    @Test
    void theVerdictsStabilityUnderMeasurementNoiseIsReportedBeforeAndAfterAugmentation() {
        String report = ReportWriter.render(run());

        assertThat(report).contains("| audio | clean training part only | 18.8% | 15.0% | 0.0432 | 0.701 | 0.655 | 0.688 |");
        assertThat(report).contains("| audio | with noisy copies (shipped) | 6.3% | 5.0% | 0.0211 | 0.699 | 0.652 | 0.695 |");
        assertThat(report).contains("171 corpus files: tempo right 75.0%, doubled 12.5%, halved 6.3%; key exact 68.8% of 81 keyed files");
    }

    private static TrainingReport run() {
        Evaluation evaluation = evaluation(4321);
        TrainingReport.SetResult audio = new TrainingReport.SetResult(FeatureSet.AUDIO, evaluation,
                List.of(new TrainingReport.ModelSearch("xgboost", Map.of("depth", 4), List.of(
                        new GroupedCrossValidation.Trial(new java.util.TreeMap<>(Map.of("depth", 2)), new double[] {0.70, 0.60}, 0.65, 0.05),
                        new GroupedCrossValidation.Trial(new java.util.TreeMap<>(Map.of("depth", 4)), new double[] {0.71, 0.72}, 0.715, 0.005)))),
                List.of(new TrainingReport.ExportedModel("xgboost", 1_234_567, "0123456789abcdef0123"),
                        new TrainingReport.ExportedModel("knn", 1_000, "fedcba9876543210fedc")),
                List.of(new LoudnessSensitivity(-2, 0.125, 0.1, -0.03, 0.04, 0.65)),
                new LinkedHashMap<>(Map.of("tempo", 0.0123)) {{
                    put("loudness", 0.0456);
                }},
                new CombinationChoice.Result(new ReportedProbability("stacking", Map.of("random_forest", 0.1, "xgboost", 0.2,
                        "ada_boost", 0.3, "knn", 0.4, "decision_tree", 0.5), ReportedProbability.Calibration.platt(2.5, -1.25), 0.47),
                        List.of(new CombinationChoice.Trial("soft_vote", new double[] {0.70, 0.72}, 0.71),
                                new CombinationChoice.Trial("stacking", new double[] {0.73, 0.75}, 0.74)),
                        List.of(new CombinationChoice.CalibrationTrial("platt", new double[] {0.20, 0.22}, 0.21,
                                        new double[] {0.73, 0.75}, 0.74),
                                new CombinationChoice.CalibrationTrial("isotonic", new double[] {0.19, 0.21}, 0.20,
                                        new double[] {0.72, 0.74}, 0.73)), 0.689),
                new TrainingReport.Robustness(
                        new MeasurementErrors("test", 171, 169, Map.of("1", 0.75, "2", 0.125, "0.5", 0.0625), 81,
                                Map.of("exact", 0.6875), List.of(-0.01, 0.02)),
                        new NoiseStability(0.1875, 0.15, 0.0432, 0.701, 0.655, 0.688),
                        new NoiseStability(0.0625, 0.05, 0.0211, 0.699, 0.652, 0.695)));
        List<ReplacedSystemProtocol.Result> replaced = List.of(
                new ReplacedSystemProtocol.Result("old protocol as run", 900, 700, 200, 0.086, 0.668, evaluation(200)),
                new ReplacedSystemProtocol.Result("old protocol, grouped", 800, 600, 200, 0.0, 0.0, evaluation(200)));
        return new TrainingReport(List.of(audio), replaced, Map.of("rows", 9999),
                new TrainingReport.Protocol(7, 0.25, 4, new EnsembleVote(2, 0.6), MEMBERS.size(), 2),
                new TrainingReport.Machine(123.4, 8, 1.5));
    }

    /**
     * Every member at accuracy 0.601 (xgboost's ROC AUC 0.760), the hard vote at 0.679, the soft vote's ROC AUC 0.777,
     * the reported probability's ROC AUC 0.800 and accuracy 0.700; intervals [0.611, 0.722]. Four test rows: the soft
     * vote's ECE is 0.125 and its Brier 0.1267, the reported probability's 0.15 and 0.045.
     */
    private static Evaluation evaluation(int testRows) {
        Map<String, Scores> scores = new LinkedHashMap<>();
        Map<String, BinaryMetrics> point = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> intervals = new LinkedHashMap<>();
        for (String model : MEMBERS) {
            point.put(model, new BinaryMetrics(0.601, 0.5, 0.5, 0.5, 0.5, 0.25));
        }
        point.put(Evaluation.HARD_VOTE, new BinaryMetrics(0.679, 0.5, 0.5, 0.5, 0.5, 0.25));
        point.put("xgboost", new BinaryMetrics(0.601, 0.5, 0.5, 0.5, 0.76, 0.25));
        point.put(Evaluation.SOFT_VOTE, new BinaryMetrics(0.6, 0.5, 0.5, 0.5, 0.777, 0.25));
        point.put(Evaluation.REPORTED, new BinaryMetrics(0.7, 0.5, 0.5, 0.5, 0.8, 0.25));
        int[] truth = {1, 0, 0, 1};
        point.keySet().forEach(model -> {
            Map<String, double[]> ci = new LinkedHashMap<>();
            for (String metric : BinaryMetrics.NAMES) {
                ci.put(metric, new double[] {0.611, 0.722});
            }
            intervals.put(model, ci);
            scores.put(model, new Scores(new double[] {0.9, 0.1, 0.62, 0.68}, new int[] {1, 0, 1, 1}));
        });
        scores.put(Evaluation.REPORTED, new Scores(new double[] {1.0, 0.0, 0.3, 0.7}, new int[] {1, 0, 0, 1}));
        return new Evaluation(scores, point, intervals, truth, testRows);
    }
}

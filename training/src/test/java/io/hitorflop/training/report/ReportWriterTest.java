package io.hitorflop.training.report;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
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
                        + " training: hard vote accuracy 0.679 [0.611, 0.722], ROC AUC of the soft vote 0.777 [0.611, 0.722].")
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
                .contains("hard vote = HIT\n  when at least 2 of the 4 models say HIT; soft vote = HIT when the mean P(HIT) is at\n  least 0.6.")
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

    /** Every member at accuracy 0.601, the hard vote at 0.679, the soft vote's ROC AUC 0.777; intervals [0.611, 0.722]. */
    private static Evaluation evaluation(int testRows) {
        Map<String, Scores> scores = new LinkedHashMap<>();
        Map<String, BinaryMetrics> point = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> intervals = new LinkedHashMap<>();
        for (String model : MEMBERS) {
            point.put(model, new BinaryMetrics(0.601, 0.5, 0.5, 0.5, 0.5, 0.25));
        }
        point.put(Evaluation.HARD_VOTE, new BinaryMetrics(0.679, 0.5, 0.5, 0.5, 0.5, 0.25));
        point.put(Evaluation.SOFT_VOTE, new BinaryMetrics(0.6, 0.5, 0.5, 0.5, 0.777, 0.25));
        point.keySet().forEach(model -> {
            Map<String, double[]> ci = new LinkedHashMap<>();
            for (String metric : BinaryMetrics.NAMES) {
                ci.put(metric, new double[] {0.611, 0.722});
            }
            intervals.put(model, ci);
            scores.put(model, new Scores(new double[0], new int[0]));
        });
        return new Evaluation(scores, point, intervals, new int[0], testRows);
    }
}

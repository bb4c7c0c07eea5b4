package io.hitorflop.training.report;

import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.combination.CombinationChoice;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.data.SpotifySongsData;
import io.hitorflop.training.evaluation.BinaryMetrics;
import io.hitorflop.training.evaluation.Evaluation;
import io.hitorflop.training.evaluation.GroupBootstrap;
import io.hitorflop.training.evaluation.GroupedCrossValidation;
import io.hitorflop.training.evaluation.LoudnessSensitivity;
import io.hitorflop.training.evaluation.NoiseStability;
import io.hitorflop.training.data.MeasurementNoise;
import io.hitorflop.training.evaluation.PermutationImportance;
import io.hitorflop.training.evaluation.Reliability;
import io.hitorflop.training.evaluation.ReplacedSystemProtocol;
import io.hitorflop.training.learners.RandomForestLearner;
import io.hitorflop.training.scoring.OnnxEnsemble;
import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes docs/training-report.md from the template resource {@code training-report.md} (Qute) and
 * its figures under docs/training/. The template holds the prose; every figure in it is a
 * formatted value of the {@link TrainingReport} or of a named constant.
 */
public final class ReportWriter {

    public static final String REPORT = "training-report.md";
    public static final String FIGURES = "training";

    /** Measured when the random forest's implementation was chosen, not by this run. */
    private static final double TRIBUO_RANDOM_FOREST_SECONDS_PER_TREE = 0.4;

    private static final Template TEMPLATE = Engine.builder().addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .build()
            .parse(templateText());

    /** Writes the report and its figures under {@code docs}. */
    public static void write(Path docs, TrainingReport run) {
        try {
            Path figures = Files.createDirectories(docs.resolve(FIGURES));
            for (TrainingReport.SetResult set : run.sets()) {
                plot(set, figures);
            }
            Files.writeString(docs.resolve(REPORT), render(run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
    }

    /** The report's Markdown; figures are referenced under {@value #FIGURES}/ but not drawn. */
    public static String render(TrainingReport run) {
        TrainingReport.Protocol protocol = run.protocol();
        Map<String, Map<String, Object>> replacedSettings = new TreeMap<>();
        ReplacedSystemProtocol.HYPERPARAMETERS.forEach((model, params) -> replacedSettings.put(model, new TreeMap<>(params)));
        List<ReplacedView> replaced = run.replacedSystem().stream().map(ReportWriter::replacedView).toList();
        long onnxBytes = run.sets().stream().flatMap(set -> set.exports().stream())
                .mapToLong(TrainingReport.ExportedModel::bytes).sum();
        return TEMPLATE.data("sets", run.sets().stream().map(ReportWriter::setView).toList())
                .data("replaced", replaced)
                .data("dataSummary", run.dataSummary().entrySet().stream()
                        .map(entry -> new Item(entry.getKey(), String.valueOf(entry.getValue()))).toList())
                .data("dataFile", HitPredictorData.FILE)
                .data("confidencePercent", percent(GroupBootstrap.CONFIDENCE))
                .data("resamples", GroupBootstrap.RESAMPLES)
                .data("seed", protocol.seed())
                .data("testPercent", percent(protocol.testFraction()))
                .data("folds", protocol.folds())
                .data("foldShare", (protocol.folds() - 1) + "/" + protocol.folds())
                .data("reliabilityBins", Reliability.BINS)
                .data("minHits", protocol.vote().hardVoteMinHits())
                .data("members", protocol.members())
                .data("softThreshold", decimal(protocol.vote().softThreshold()))
                .data("loudnessOffsetDb", decimal(protocol.loudnessOffsetDb()))
                .data("importanceSample", PermutationImportance.SAMPLE_ROWS)
                .data("popularityThreshold", SpotifySongsData.POPULARITY_HIT_THRESHOLD)
                .data("replacedTestPercent", percent(ReplacedSystemProtocol.TEST_FRACTION))
                .data("replacedTrainPercent", percent(1 - ReplacedSystemProtocol.TEST_FRACTION))
                .data("replacedSettings", replacedSettings)
                .data("replacedReported", percent(ReplacedSystemProtocol.REPORTED_ACCURACY))
                .data("replacedClaimed", percent(ReplacedSystemProtocol.README_CLAIMED_ACCURACY))
                .data("replacedThousandsOfTracks", ReplacedSystemProtocol.ORIGINAL_THOUSANDS_OF_TRACKS)
                .data("replacedFeatures", SpotifySongsData.FEATURES.size())
                .data("replacedComparison", replaced.size() == 2 ? comparison(run.replacedSystem()) : null)
                .data("loudness", loudnessRows(run.sets()))
                .data("robustness", robustnessRows(run.sets()))
                .data("noiseDraws", NoiseStability.DRAWS)
                .data("loudnessScaleHalfWidthDb", decimal(MeasurementNoise.LOUDNESS_SCALE_HALF_WIDTH_DB))
                .data("exports", exportRows(run.sets()))
                .data("onnxFiles", run.sets().stream().mapToInt(set -> set.exports().size()).sum())
                .data("onnxBytes", String.format(Locale.ROOT, "%,d", onnxBytes))
                .data("onnxBudgetMegabytes", TrainingReport.ONNX_BUDGET_MEGABYTES)
                .data("seconds", String.format(Locale.ROOT, "%.0f", run.machine().seconds()))
                .data("cores", run.machine().cores())
                .data("loadAverage", String.format(Locale.ROOT, "%.1f", run.machine().loadAverage()))
                .data("parityTolerance", decimal(OnnxEnsemble.PARITY_TOLERANCE))
                .data("forestTrees", RandomForestLearner.TREES)
                .data("forestRowSubsample", decimal(RandomForestLearner.ROW_SUBSAMPLE))
                .data("tribuoSecondsPerTree", decimal(TRIBUO_RANDOM_FOREST_SECONDS_PER_TREE))
                .render();
    }

    /** One feature set's section. */
    public record SetView(String id, int size, String names, int testRows, String hardAccuracy, String softAuc,
                          String reportedAuc, String reportedAccuracy, VerdictView verdict, List<MetricRow> metrics,
                          List<TrialRow> trials, String importance) {
    }

    /** How the verdict's probability and label were chosen, and how well calibrated they are on the test part. */
    public record VerdictView(String combination, String calibration, String weights, String map, String threshold,
                              String outOfFoldAccuracy, String bestMember, String bestMemberAuc, String hardVoteCost,
                              List<ChoiceRow> combinations, List<CalibrationRow> calibrations, String eceBefore,
                              String eceAfter, String brierBefore, String brierAfter, List<BinRow> bins) {
    }

    public record ChoiceRow(String candidate, String folds, String mean, String chosen) {
    }

    public record CalibrationRow(String candidate, String foldBrier, String meanBrier, String foldAuc, String meanAuc,
                                 String chosen) {
    }

    public record BinRow(String range, String beforeRows, String beforePredicted, String beforeObserved,
                         String afterRows, String afterPredicted, String afterObserved) {
    }

    public record MetricRow(String model, String accuracy, String precision, String recall, String f1, String rocAuc,
                            String brier) {
    }

    public record TrialRow(String model, String candidate, String foldAucs, String meanAuc, String sd, String chosen) {
    }

    public record ReplacedView(String protocol, int rows, int trainRows, int testRows, String hardAccuracy,
                               String sameTrackPercent, String sameArtistPercent, List<MetricRow> metrics) {
    }

    /** What the replaced protocol's figure was made of: as run, honest, and the points between. */
    public record Comparison(String asRunPercent, String honestPercent, String points) {
    }

    public record LoudnessRow(String set, String offset, String hardChanged, String softChanged, String meanShift,
                              String meanAbsShift, String hardAccuracy) {
    }

    public record ExportRow(String set, String model, String bytes, String sha256) {
    }

    public record Item(String name, String value) {
    }

    private static SetView setView(TrainingReport.SetResult set) {
        Evaluation e = set.evaluation();
        List<TrialRow> trials = new ArrayList<>();
        for (TrainingReport.ModelSearch search : set.searches()) {
            for (GroupedCrossValidation.Trial trial : search.trials()) {
                String folds = java.util.Arrays.stream(trial.foldAuc()).mapToObj(auc -> fixed(auc, 4))
                        .collect(Collectors.joining(", "));
                trials.add(new TrialRow(search.model(), String.valueOf(trial.hyperparameters()), folds,
                        fixed(trial.meanAuc(), 4), fixed(trial.stdAuc(), 4),
                        trial.hyperparameters().equals(new TreeMap<>(search.chosen())) ? "**yes**" : ""));
            }
        }
        String importance = set.importance().entrySet().stream()
                .map(entry -> entry.getKey() + " " + fixed(entry.getValue(), 4)).collect(Collectors.joining(", "));
        return new SetView(set.set().id(), set.set().size(), String.join(", ", set.set().names()), e.testRows(),
                cell(e, Evaluation.HARD_VOTE, "accuracy"), cell(e, Evaluation.SOFT_VOTE, "rocAuc"),
                cell(e, Evaluation.REPORTED, "rocAuc"), cell(e, Evaluation.REPORTED, "accuracy"), verdictView(set),
                metricRows(e), trials, importance);
    }

    private static VerdictView verdictView(TrainingReport.SetResult set) {
        Evaluation e = set.evaluation();
        CombinationChoice.Result choice = set.combination();
        ReportedProbability reported = choice.reported();
        String bestMember = ModelNames.ALL.stream().filter(e.point()::containsKey)
                .max(java.util.Comparator.comparingDouble(model -> e.point().get(model).rocAuc())).orElseThrow();
        String chosenCombination = reported.combination();
        String chosenCalibration = reported.calibration().method().name().toLowerCase(Locale.ROOT);
        Reliability before = Reliability.of(e.truth(), e.scores().get(Evaluation.SOFT_VOTE).hitProbability());
        Reliability after = Reliability.of(e.truth(), e.scores().get(Evaluation.REPORTED).hitProbability());
        String weights = ModelNames.ALL.stream().map(model -> model + " " + fixed(reported.weights().get(model), 4))
                .collect(Collectors.joining(", "));
        ReportedProbability.Calibration calibration = reported.calibration();
        String map = calibration.method() == ReportedProbability.Calibration.Method.PLATT
                ? String.format(Locale.ROOT, "Platt, P(HIT) = 1 / (1 + exp(-(%.4f z %+.4f))) of the weighted sum z",
                calibration.slope(), calibration.intercept())
                : String.format(Locale.ROOT, "isotonic, %d knots from z = %.4f (P(HIT) %.3f) to z = %.4f (P(HIT) %.3f), "
                        + "linear between them (the knots are in `card.json`)", calibration.knots().size(),
                calibration.knots().get(0), calibration.values().get(0),
                calibration.knots().get(calibration.knots().size() - 1),
                calibration.values().get(calibration.values().size() - 1));
        double hardCost = e.point().get(Evaluation.REPORTED).accuracy() - e.point().get(Evaluation.HARD_VOTE).accuracy();
        return new VerdictView(chosenCombination, chosenCalibration, weights, map, decimal(reported.threshold()),
                fixed(choice.outOfFoldAccuracy(), 3), bestMember, cell(e, bestMember, "rocAuc"),
                String.format(Locale.ROOT, "%+.1f", 100 * hardCost),
                choiceRows(choice.combinations(), chosenCombination), calibrationRows(choice.calibrations(), chosenCalibration),
                fixed(before.expectedCalibrationError(), 4), fixed(after.expectedCalibrationError(), 4),
                fixed(before.brier(), 4), fixed(after.brier(), 4), binRows(before, after));
    }

    private static List<ChoiceRow> choiceRows(List<CombinationChoice.Trial> trials, String chosen) {
        return trials.stream().map(trial -> new ChoiceRow(trial.candidate(), folds(trial.foldScores()), fixed(trial.mean(), 4), trial.candidate().equals(chosen) ? "**yes**" : "")).toList();
    }

    private static List<CalibrationRow> calibrationRows(List<CombinationChoice.CalibrationTrial> trials, String chosen) {
        return trials.stream().map(trial -> new CalibrationRow(trial.candidate(), folds(trial.foldBrier()),
                fixed(trial.meanBrier(), 4), folds(trial.foldAuc()), fixed(trial.meanAuc(), 4),
                trial.candidate().equals(chosen) ? "**yes**" : "")).toList();
    }

    private static String folds(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(value -> fixed(value, 4)).collect(Collectors.joining(", "));
    }

    private static List<BinRow> binRows(Reliability before, Reliability after) {
        List<BinRow> rows = new ArrayList<>();
        for (int b = 0; b < Reliability.BINS; b++) {
            double low = (double) b / Reliability.BINS;
            Reliability.Bin old = binAt(before, low);
            Reliability.Bin now = binAt(after, low);
            if (old == null && now == null) {
                continue;
            }
            rows.add(new BinRow(String.format(Locale.ROOT, "%.1f-%.1f", low, low + 1.0 / Reliability.BINS),
                    old == null ? "0" : String.valueOf(old.rows()), old == null ? "" : fixed(old.meanPredicted(), 3),
                    old == null ? "" : fixed(old.observed(), 3),
                    now == null ? "0" : String.valueOf(now.rows()), now == null ? "" : fixed(now.meanPredicted(), 3),
                    now == null ? "" : fixed(now.observed(), 3)));
        }
        return rows;
    }

    private static Reliability.Bin binAt(Reliability reliability, double low) {
        return reliability.bins().stream().filter(bin -> Math.abs(bin.low() - low) < 1e-9).findFirst().orElse(null);
    }

    private static ReplacedView replacedView(ReplacedSystemProtocol.Result result) {
        return new ReplacedView(result.protocol(), result.rows(), result.trainRows(), result.testRows(),
                cell(result.evaluation(), Evaluation.HARD_VOTE, "accuracy"),
                measuredPercent(result.testRowsWhoseTrackIsInTrain()), measuredPercent(result.testRowsWhoseArtistIsInTrain()), metricRows(result.evaluation()));
    }

    private static Comparison comparison(List<ReplacedSystemProtocol.Result> replaced) {
        double asRun = replaced.get(0).evaluation().point().get(Evaluation.HARD_VOTE).accuracy();
        double honest = replaced.get(1).evaluation().point().get(Evaluation.HARD_VOTE).accuracy();
        return new Comparison(measuredPercent(asRun), measuredPercent(honest), measuredPercent(asRun - honest));
    }

    private static List<MetricRow> metricRows(Evaluation e) {
        return e.point().keySet().stream().map(model -> new MetricRow(model, cell(e, model, "accuracy"),
                cell(e, model, "precision"), cell(e, model, "recall"), cell(e, model, "f1"), cell(e, model, "rocAuc"),
                cell(e, model, "brier"))).toList();
    }

    private static List<LoudnessRow> loudnessRows(List<TrainingReport.SetResult> sets) {
        List<LoudnessRow> rows = new ArrayList<>();
        for (TrainingReport.SetResult set : sets) {
            for (LoudnessSensitivity s : set.sensitivity()) {
                rows.add(new LoudnessRow(set.set().id(), String.format(Locale.ROOT, "%+.0f", s.offsetDb()),
                        measuredPercent(s.hardVerdictsChanged()), measuredPercent(s.softVerdictsChanged()),
                        String.format(Locale.ROOT, "%+.4f", s.meanSoftShift()), fixed(s.meanAbsSoftShift(), 4),
                        fixed(s.hardAccuracy(), 3)));
            }
        }
        return rows;
    }

    /** One row per measured set and fit: how often our measurement errors flip its verdict. */
    public record RobustnessRow(String set, String fit, String hardFlipped, String softFlipped, String meanAbsShift,
                                String cleanSoftAuc, String cleanHardAccuracy, String noisySoftAuc, String errors) {
    }

    private static List<RobustnessRow> robustnessRows(List<TrainingReport.SetResult> sets) {
        List<RobustnessRow> rows = new ArrayList<>();
        for (TrainingReport.SetResult set : sets) {
            TrainingReport.Robustness r = set.robustness();
            if (r == null) {
                continue;
            }
            String errors = String.format(Locale.ROOT,
                    "%d corpus files: tempo right %s, doubled %s, halved %s; key exact %s of %d keyed files",
                    r.errors().files(), measuredPercent(r.errors().tempoFactorShares().getOrDefault("1", 0.0)) + "%",
                    measuredPercent(r.errors().tempoFactorShares().getOrDefault("2", 0.0)) + "%",
                    measuredPercent(r.errors().tempoFactorShares().getOrDefault("0.5", 0.0)) + "%",
                    measuredPercent(r.errors().keyRelationShares().getOrDefault("exact", 0.0)) + "%", r.errors().keyFiles());
            rows.add(robustnessRow(set.set().id(), "clean training part only", r.cleanFit(), errors));
            rows.add(robustnessRow(set.set().id(), "with noisy copies (shipped)", r.augmented(), errors));
        }
        return rows;
    }

    private static RobustnessRow robustnessRow(String set, String fit, NoiseStability s, String errors) {
        return new RobustnessRow(set, fit, measuredPercent(s.hardLabelsFlipped()), measuredPercent(s.softLabelsFlipped()),
                fixed(s.meanAbsSoftShift(), 4), fixed(s.cleanSoftRocAuc(), 3), fixed(s.cleanHardAccuracy(), 3),
                fixed(s.noisySoftRocAuc(), 3), errors);
    }

    private static List<ExportRow> exportRows(List<TrainingReport.SetResult> sets) {
        List<ExportRow> rows = new ArrayList<>();
        for (TrainingReport.SetResult set : sets) {
            for (TrainingReport.ExportedModel model : set.exports()) {
                rows.add(new ExportRow(set.set().id(), model.model(), String.format(Locale.ROOT, "%,d", model.bytes()),
                        model.sha256().substring(0, 16)));
            }
        }
        return rows;
    }

    private static void plot(TrainingReport.SetResult set, Path figures) {
        String id = set.set().id();
        Evaluation e = set.evaluation();
        Plots.roc(figures.resolve("roc-" + id + ".png"), "ROC, " + id + " set, test part", e.scores(), e.truth());
        Plots.confusion(figures.resolve("confusion-" + id + "-hard-vote.png"), id + ": hard vote",
                BinaryMetrics.confusion(e.truth(), e.scores().get(Evaluation.HARD_VOTE).label()));
        Plots.confusion(figures.resolve("confusion-" + id + "-soft-vote.png"), id + ": soft vote",
                BinaryMetrics.confusion(e.truth(), e.scores().get(Evaluation.SOFT_VOTE).label()));
        Plots.reliability(figures.resolve("reliability-" + id + ".png"), "Reliability, " + id + " set, test part",
                Map.of("soft vote (before)", Reliability.of(e.truth(), e.scores().get(Evaluation.SOFT_VOTE).hitProbability()),
                        "reported (after)", Reliability.of(e.truth(), e.scores().get(Evaluation.REPORTED).hitProbability())));
        Plots.importance(figures.resolve("importance-" + id + ".png"), "Permutation importance, " + id + " set",
                set.importance());
    }

    private static String cell(Evaluation e, String model, String metric) {
        double[] ci = e.intervals().get(model).get(metric);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.point().get(model).get(metric), ci[0], ci[1]);
    }

    /** A measured share as a percentage with one decimal: 0.0, 60.6. */
    private static String measuredPercent(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    /** A configured share as the shortest percentage: 95, 77.9. */
    private static String percent(double share) {
        return decimal(Math.round(share * 1000) / 10.0);
    }

    /** The shortest decimal that prints the value: 0.5, 3, 0.632. */
    private static String decimal(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String templateText() {
        try (InputStream in = ReportWriter.class.getResourceAsStream(REPORT)) {
            if (in == null) {
                throw new IllegalStateException("the template resource " + REPORT + " is missing next to " + ReportWriter.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReportWriter() {
    }
}

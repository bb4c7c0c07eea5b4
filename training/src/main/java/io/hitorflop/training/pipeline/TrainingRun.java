package io.hitorflop.training.pipeline;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.combination.CombinationChoice;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.data.MeasurementErrors;
import io.hitorflop.training.data.MeasurementNoise;
import io.hitorflop.training.evaluation.Evaluation;
import io.hitorflop.training.evaluation.LoudnessSensitivity;
import io.hitorflop.training.evaluation.NoiseStability;
import io.hitorflop.training.evaluation.PermutationImportance;
import io.hitorflop.training.evaluation.ReplacedSystemProtocol;
import io.hitorflop.training.learners.FittedModel;
import io.hitorflop.training.learners.Scores;
import io.hitorflop.training.report.ReportWriter;
import io.hitorflop.training.report.TrainingReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The whole `train` command: data, split, search, fit, export, evaluate, cards, report. */
public final class TrainingRun {

    public static final float LOUDNESS_OFFSET_DB = 3f;
    /** The rule the cards state and the evaluation counts by. */
    public static final EnsembleVote VOTE = EnsembleVote.MAJORITY_OF_ALL_MODELS;

    public static TrainingReport run(RepoLayout layout, Consumer<String> log) {
        long start = System.nanoTime();
        DevelopmentData data = DevelopmentData.load(layout.data());
        String dataSha = Fingerprints.dataSha256(layout.data().resolve(HitPredictorData.FILE));
        String revision = Fingerprints.codeRevision(layout.trainingSources());
        log.accept("data " + dataSha.substring(0, 12) + ", code " + revision + ": " + data.loaded().tracks().size()
                + " distinct tracks, train " + data.train().size() + ", test " + data.test().size());
        Map<String, Object> summary = new TreeMap<>();
        summary.put("file", HitPredictorData.FILE);
        summary.put("rows", data.loaded().rows());
        summary.put("duplicateUriRowsDropped", data.loaded().duplicateRows());
        summary.put("duplicateUrisWithConflictingTarget", data.loaded().conflictingLabels());
        summary.put("distinctTracks", data.loaded().tracks().size());
        summary.put("trainTracks", data.train().size());
        summary.put("testTracks", data.test().size());
        summary.put("trainArtistGroups", data.trainGroups().count());
        summary.put("testArtistGroups", data.testGroups().count());
        summary.put("split", "grouped by normalised primary artist and track uri (connected components), seed "
                + DevelopmentData.SEED + ", test fraction " + DevelopmentData.TEST_FRACTION);
        summary.put("crossValidation", DevelopmentData.FOLDS + "-fold grouped CV on the training part, ROC AUC");
        List<TrainingReport.SetResult> results = new ArrayList<>();
        for (FeatureSet set : FeatureSet.values()) {
            List<TrainedModel> models = EnsembleTraining.train(data, set, log);
            FeatureMatrix test = data.testMatrix(set);
            Map<String, Scores> testScores = new LinkedHashMap<>();
            List<FittedModel> fitted = new ArrayList<>();
            for (TrainedModel model : models) {
                testScores.put(model.learner().name(), model.testScores());
                fitted.add(model.fitted());
            }
            CombinationChoice.Result combination = CombinationChoice.choose(
                    models.stream().map(model -> model.search().outOfFoldHitProbability()).toArray(double[][]::new),
                    data.fittingMatrix(set).labels(), data.foldOfFittingRow(set), DevelopmentData.FOLDS);
            log.accept(String.format("%s: reported probability = %s combination, %s calibration, threshold %s",
                    set.id(), combination.reported().combination(), combination.reported().calibration().method(),
                    combination.reported().threshold()));
            Evaluation evaluation = Evaluation.ofEnsemble(testScores, VOTE, combination.reported(), test.labels(),
                    data.testGroups(), DevelopmentData.SEED);
            var context = new ModelCardWriter.Context(set, dataSha, revision, DevelopmentData.SEED, data.trainMatrix(set), summary);
            Path setDirectory = layout.models().resolve(set.id());
            write(setDirectory, context, models, combination, evaluation,
                    ExplanationData.background(set, data.trainMatrix(set), DevelopmentData.SEED),
                    ExplanationData.referenceTracks(set, data.train(), data.fittingMatrix(set), data.loaded().listings()));
            ParitySample.write(layout.paritySamples(), setDirectory, test);
            log.accept(set.id() + ": models, card and parity sample written");
            List<Scores> unshifted = List.copyOf(testScores.values());
            List<LoudnessSensitivity> sensitivity = List.of(
                    LoudnessSensitivity.measure(fitted, unshifted, VOTE, test, -LOUDNESS_OFFSET_DB),
                    LoudnessSensitivity.measure(fitted, unshifted, VOTE, test, LOUDNESS_OFFSET_DB));
            Map<String, Double> importance = PermutationImportance.of(fitted, VOTE, test, DevelopmentData.SEED);
            log.accept(set.id() + ": loudness sensitivity and permutation importance done");
            TrainingReport.Robustness robustness = set == FeatureSet.AUDIO ? robustness(data, set, models, fitted) : null;
            results.add(new TrainingReport.SetResult(set, evaluation, searches(models), exports(models), sensitivity,
                    importance, combination, robustness));
        }
        List<ReplacedSystemProtocol.Result> replaced = ReplacedSystemProtocol.run(layout.data(), DevelopmentData.SEED);
        log.accept("replaced system's protocol done");
        TrainingReport report = new TrainingReport(results, replaced, summary,
                new TrainingReport.Protocol(DevelopmentData.SEED, DevelopmentData.TEST_FRACTION, DevelopmentData.FOLDS,
                        VOTE, ModelNames.ALL.size(), LOUDNESS_OFFSET_DB),
                new TrainingReport.Machine((System.nanoTime() - start) / 1e9, Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        ReportWriter.write(layout.docs(), report);
        log.accept("report written to " + layout.docs().resolve(ReportWriter.REPORT));
        return report;
    }

    /**
     * The verdict's stability under our measurement errors, for the shipped (noise-augmented) models
     * and for the same hyper-parameters fitted on the clean training part only: what augmentation bought.
     */
    private static TrainingReport.Robustness robustness(DevelopmentData data, FeatureSet set, List<TrainedModel> models,
                                                        List<FittedModel> augmented) {
        MeasurementErrors errors = MeasurementErrors.measured();
        MeasurementNoise noise = new MeasurementNoise(errors);
        FeatureMatrix test = data.testMatrix(set);
        List<FittedModel> cleanFits = new ArrayList<>();
        for (TrainedModel model : models) {
            cleanFits.add(model.learner().fit(data.trainMatrix(set), model.hyperparameters(), DevelopmentData.SEED));
        }
        return new TrainingReport.Robustness(errors,
                NoiseStability.measure(cleanFits, VOTE, test, noise, DevelopmentData.SEED),
                NoiseStability.measure(augmented, VOTE, test, noise, DevelopmentData.SEED));
    }

    private static List<TrainingReport.ModelSearch> searches(List<TrainedModel> models) {
        return models.stream().map(model -> new TrainingReport.ModelSearch(model.learner().name(), model.hyperparameters(),
                model.search().trials())).toList();
    }

    private static List<TrainingReport.ExportedModel> exports(List<TrainedModel> models) {
        return models.stream().map(model -> new TrainingReport.ExportedModel(model.learner().name(), model.onnx().length,
                Fingerprints.sha256(model.onnx()))).toList();
    }

    private static void write(Path dir, ModelCardWriter.Context context, List<TrainedModel> models,
                              CombinationChoice.Result combination, Evaluation evaluation,
                              ExplanationData.File background, ExplanationData.File referenceTracks) {
        try {
            Files.createDirectories(dir);
            Map<String, String> hashes = new LinkedHashMap<>();
            for (TrainedModel model : models) {
                String name = model.learner().name();
                Files.write(dir.resolve(name + ".onnx"), model.onnx());
                hashes.put(name, Fingerprints.sha256(model.onnx()));
            }
            for (ExplanationData.File file : List.of(background, referenceTracks)) {
                Files.write(dir.resolve(file.artifact().file()), file.bytes());
            }
            Files.write(dir.resolve(ModelCard.FILE_NAME), ModelCardWriter.write(context, models, hashes, combination,
                    evaluation.asCardMetrics(), background.artifact(), referenceTracks.artifact()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainingRun() {
    }
}

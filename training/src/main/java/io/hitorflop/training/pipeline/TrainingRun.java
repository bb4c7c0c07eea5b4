package io.hitorflop.training.pipeline;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.evaluation.Evaluation;
import io.hitorflop.training.evaluation.LoudnessSensitivity;
import io.hitorflop.training.evaluation.OldProtocol;
import io.hitorflop.training.evaluation.PermutationImportance;
import io.hitorflop.training.report.ReportWriter;
import io.hitorflop.training.report.ModelCardWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The whole `train` command: data, split, search, fit, export, evaluate, cards, report. */
public final class TrainingRun {

    public record SetResult(FeatureSet set, List<TrainedModel> models, Evaluation evaluation,
                            List<LoudnessSensitivity> sensitivity, Map<String, Double> importance) {
    }

    public static final float LOUDNESS_OFFSET_DB = 3f;

    public static List<SetResult> run(RepoLayout layout, Consumer<String> log) {
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
        List<SetResult> results = new java.util.ArrayList<>();
        for (FeatureSet set : FeatureSet.values()) {
            List<TrainedModel> models = EnsembleTraining.train(data, set, log);
            FeatureMatrix test = data.testMatrix(set);
            Evaluation evaluation = Evaluation.of(models, test, data.testGroups(), DevelopmentData.SEED);
            var context = new ModelCardWriter.Context(set, dataSha, revision, DevelopmentData.SEED, data.trainMatrix(set), summary);
            write(layout.models().resolve(set.id()), context, models, evaluation);
            log.accept(set.id() + ": models and card written");
            List<LoudnessSensitivity> sensitivity = List.of(
                    LoudnessSensitivity.measure(models, test, -LOUDNESS_OFFSET_DB),
                    LoudnessSensitivity.measure(models, test, LOUDNESS_OFFSET_DB));
            Map<String, Double> importance = PermutationImportance.of(models, test, DevelopmentData.SEED);
            log.accept(set.id() + ": loudness sensitivity and permutation importance done");
            results.add(new SetResult(set, models, evaluation, sensitivity, importance));
        }
        List<OldProtocol.Result> old = OldProtocol.run(layout.data(), DevelopmentData.SEED);
        log.accept("old protocol done");
        ReportWriter.write(layout.docs(), results, old, summary, (System.nanoTime() - start) / 1e9);
        log.accept("report written to " + layout.docs().resolve(ReportWriter.REPORT));
        return results;
    }

    private static void write(Path dir, ModelCardWriter.Context context, List<TrainedModel> models, Evaluation evaluation) {
        try {
            Files.createDirectories(dir);
            Map<String, String> hashes = new LinkedHashMap<>();
            for (TrainedModel model : models) {
                String name = model.learner().name();
                Files.write(dir.resolve(name + ".onnx"), model.onnx());
                hashes.put(name, Fingerprints.sha256(model.onnx()));
            }
            Files.write(dir.resolve(ModelCard.FILE_NAME), ModelCardWriter.write(context, models, hashes, evaluation.asCardMetrics()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainingRun() {
    }
}

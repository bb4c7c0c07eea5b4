package io.hitorflop.training.pipeline;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.evaluation.GroupedCrossValidation;
import io.hitorflop.training.learners.FittedModel;
import io.hitorflop.training.learners.Learner;
import io.hitorflop.training.learners.Learners;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains one feature set's five models: grouped-CV search on the training part, then a fit with
 * the chosen hyper-parameters on the whole training part (the shipped model), scored on the test part.
 * The {@code audio} set's training part carries the measurement noise of {@link DevelopmentData#fittingMatrix}.
 */
public final class EnsembleTraining {

    public static List<TrainedModel> train(DevelopmentData data, FeatureSet set, Consumer<String> log) {
        FeatureMatrix train = data.fittingMatrix(set);
        FeatureMatrix test = data.testMatrix(set);
        List<TrainedModel> models = new ArrayList<>();
        for (Learner learner : Learners.all()) {
            long start = System.nanoTime();
            GroupedCrossValidation.Search search = GroupedCrossValidation.search(learner, train, data.foldOfFittingRow(set),
                    DevelopmentData.FOLDS, DevelopmentData.SEED);
            models.add(fit(learner, search.best(), search, train, test));
            log.accept(String.format("%s/%s: chose %s (CV AUC %.4f) in %.1f s", set.id(), learner.name(),
                    search.best(), search.trials().stream().mapToDouble(GroupedCrossValidation.Trial::meanAuc).max().orElse(0),
                    (System.nanoTime() - start) / 1e9));
        }
        return models;
    }

    /** Refits with given hyper-parameters (no search): what the parity tests use to re-create a shipped model. */
    public static TrainedModel fit(Learner learner, Map<String, Object> hyperparameters,
                                   GroupedCrossValidation.Search search, FeatureMatrix train, FeatureMatrix test) {
        FittedModel fitted = learner.fit(train, hyperparameters, DevelopmentData.SEED);
        return new TrainedModel(learner, hyperparameters, search, fitted, fitted.score(test.rows()),
                fitted.toOnnx().toByteArray());
    }

    private EnsembleTraining() {
    }
}

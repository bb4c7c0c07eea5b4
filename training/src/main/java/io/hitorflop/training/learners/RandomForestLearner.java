package io.hitorflop.training.learners;

import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.data.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Random forest (Breiman 2001) in XGBoost4J's random-forest mode: one boosting round of
 * {@code trees} parallel trees, each on a row subsample without replacement and a random feature
 * subset per split, learning rate 1. Tribuo's RandomForestTrainer was the first choice but takes
 * about 0.4 s per tree here, which the 10-minute training budget cannot afford with a CV search.
 */
public final class RandomForestLearner implements Learner {

    public static final int TREES = 100;
    /** Share of the rows each tree sees, drawn without replacement (the expected share of a bootstrap sample). */
    public static final double ROW_SUBSAMPLE = 0.632;

    @Override
    public String name() {
        return ModelNames.RANDOM_FOREST;
    }

    @Override
    public String library() {
        return "ml.dmlc:xgboost4j_2.12 3.4.0 (random-forest mode: num_parallel_tree, subsample, colsample_bynode, 1 round)";
    }

    @Override
    public List<Map<String, Object>> searchGrid(int featureCount) {
        List<Map<String, Object>> grid = new ArrayList<>();
        double sqrtFraction = Math.round(Math.ceil(Math.sqrt(featureCount)) / featureCount * 1000) / 1000.0;
        for (int depth : new int[]{8, 10}) {
            for (double fraction : new double[]{sqrtFraction, 0.8}) {
                grid.add(Map.of("trees", TREES, "maxDepth", depth, "featureFraction", fraction, "rowSubsample", ROW_SUBSAMPLE));
            }
        }
        return grid;
    }

    @Override
    public FittedModel fit(FeatureMatrix train, Map<String, Object> hyperparameters, long seed) {
        return XgboostTrees.fit(name(), train, Map.of(
                        "num_parallel_tree", Learner.intOf(hyperparameters, "trees"),
                        "max_depth", Learner.intOf(hyperparameters, "maxDepth"),
                        "colsample_bynode", Learner.doubleOf(hyperparameters, "featureFraction"),
                        "subsample", Learner.doubleOf(hyperparameters, "rowSubsample"),
                        "eta", 1.0),
                1, seed);
    }
}

package io.hitorflop.training.learners;

import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.data.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gradient-boosted trees (Chen &amp; Guestrin 2016, XGBoost), histogram method, via XGBoost4J. */
public final class XgboostLearner implements Learner {

    @Override
    public String name() {
        return ModelNames.XGBOOST;
    }

    @Override
    public String library() {
        return "ml.dmlc:xgboost4j_2.12 3.4.0 (gbtree, tree_method=hist, objective=binary:logistic)";
    }

    @Override
    public List<Map<String, Object>> searchGrid(int featureCount) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (int depth : new int[]{3, 5}) {
            for (int rounds : new int[]{100, 300}) {
                grid.add(Map.of("rounds", rounds, "maxDepth", depth, "eta", 0.05));
            }
        }
        return grid;
    }

    @Override
    public FittedModel fit(FeatureMatrix train, Map<String, Object> hyperparameters, long seed) {
        return XgboostTrees.fit(name(), train, Map.of(
                        "max_depth", Learner.intOf(hyperparameters, "maxDepth"),
                        "eta", Learner.doubleOf(hyperparameters, "eta")),
                Learner.intOf(hyperparameters, "rounds"), seed);
    }
}

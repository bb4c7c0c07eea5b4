package io.hitorflop.contract.models;

import java.util.List;

/** The five models of every ensemble, in the order they are reported. */
public final class ModelNames {

    public static final String RANDOM_FOREST = "random_forest";
    public static final String XGBOOST = "xgboost";
    public static final String ADA_BOOST = "ada_boost";
    public static final String KNN = "knn";
    public static final String DECISION_TREE = "decision_tree";

    public static final List<String> ALL = List.of(RANDOM_FOREST, XGBOOST, ADA_BOOST, KNN, DECISION_TREE);

    /** ONNX graph input: float32 [N, F] in card order. */
    public static final String INPUT = "features";
    /** ONNX graph output: int64 [N], 1 = HIT. */
    public static final String OUTPUT_LABEL = "label";
    /** ONNX graph output: float32 [N, 2], column 1 = P(HIT). */
    public static final String OUTPUT_PROBABILITIES = "probabilities";

    private ModelNames() {
    }
}

package io.hitorflop.training.learners;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.onnx.OnnxGraph;
import io.hitorflop.training.onnx.TreeEnsembleBuilder;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits an XGBoost4J booster with logistic loss and exports it: the graph sums every tree's leaf
 * value onto the base margin (TreeEnsembleRegressor, {@code x < threshold} as XGBoost compares,
 * float32 thresholds taken verbatim from XGBoost's JSON model) and applies the sigmoid; the label
 * is margin &gt; 0.
 */
final class XgboostTrees {

    /**
     * One thread: the trees then cannot depend on the machine's core count, and cross-validation
     * runs folds in parallel instead.
     */
    private static final int THREADS = 1;

    static FittedModel fit(String graphName, FeatureMatrix train, Map<String, Object> boosterParams, int rounds, long seed) {
        Map<String, Object> params = new LinkedHashMap<>(boosterParams);
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("seed", seed);
        params.put("nthread", THREADS);
        params.put("verbosity", 0);
        try {
            DMatrix data = matrix(train.rows());
            float[] labels = new float[train.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = train.labels()[i];
            }
            data.setLabel(labels);
            Booster booster = XGBoost.train(data, params, rounds, new HashMap<>(), null, null);
            data.dispose();
            byte[] json = booster.toByteArray("json");
            int width = train.width();
            return new FittedModel() {
                @Override
                public Scores score(float[][] rows) {
                    return predict(booster, rows);
                }

                @Override
                public OnnxMl.ModelProto toOnnx() {
                    return graph(graphName, json, width);
                }
            };
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed", e);
        }
    }

    private static DMatrix matrix(float[][] rows) throws XGBoostError {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return new DMatrix(flat, rows.length, width, Float.NaN);
    }

    private static Scores predict(Booster booster, float[][] rows) {
        try {
            DMatrix data = matrix(rows);
            float[][] probability = booster.predict(data);
            float[][] margin = booster.predict(data, true);
            data.dispose();
            double[] hit = new double[rows.length];
            int[] label = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                hit[i] = probability[i][0];
                label[i] = margin[i][0] > 0f ? 1 : 0;
            }
            return new Scores(hit, label);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed", e);
        }
    }

    /** Reads XGBoost's own JSON model format (trees as parallel arrays; leaves have left child -1). */
    private static OnnxMl.ModelProto graph(String graphName, byte[] modelJson, int width) {
        try {
            JsonNode learner = new ObjectMapper().readTree(modelJson).path("learner");
            float baseScore = parseBaseScore(learner.path("learner_model_param").path("base_score").asText());
            float baseMargin = (float) Math.log(baseScore / (1.0 - baseScore));
            TreeEnsembleBuilder trees = new TreeEnsembleBuilder(1);
            JsonNode treeList = learner.path("gradient_booster").path("model").path("trees");
            for (int t = 0; t < treeList.size(); t++) {
                JsonNode tree = treeList.get(t);
                JsonNode left = tree.path("left_children");
                JsonNode right = tree.path("right_children");
                JsonNode conditions = tree.path("split_conditions");
                JsonNode features = tree.path("split_indices");
                JsonNode defaultLeft = tree.path("default_left");
                for (int n = 0; n < left.size(); n++) {
                    float value = (float) conditions.get(n).asDouble();
                    if (left.get(n).asInt() == -1) {
                        trees.leaf(t, n, new float[]{value});
                    } else {
                        trees.split(t, n, features.get(n).asInt(), TreeEnsembleBuilder.Comparison.BRANCH_LT, value,
                                left.get(n).asInt(), right.get(n).asInt(), defaultLeft.get(n).asInt() == 1);
                    }
                }
            }
            OnnxGraph graph = new OnnxGraph(graphName, width);
            String margin = trees.regressor(graph, io.hitorflop.contract.models.ModelNames.INPUT, baseMargin);
            String hitProbability = graph.apply("Sigmoid", "p_hit", margin);
            String decision = graph.apply("Greater", "decision", margin, graph.floatConstant("zero", new float[]{0f}));
            graph.finishWithHitProbability(hitProbability, decision);
            return graph.build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read XGBoost model JSON", e);
        }
    }

    /** XGBoost 3 writes base_score as a vector literal such as "[5E-1]". */
    private static float parseBaseScore(String text) {
        return Float.parseFloat(text.replace("[", "").replace("]", "").trim());
    }

    private XgboostTrees() {
    }
}

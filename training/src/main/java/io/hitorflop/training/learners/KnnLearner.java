package io.hitorflop.training.learners;

import ai.onnx.proto.OnnxMl;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.onnx.OnnxGraph;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * k-nearest neighbours (Cover &amp; Hart 1967), Euclidean distance on z-scored features, via
 * Tribuo; P(HIT) is the share of the k neighbours that are hits. k is odd, so votes never tie.
 */
public final class KnnLearner implements Learner {

    @Override
    public String name() {
        return ModelNames.KNN;
    }

    @Override
    public String library() {
        return "org.tribuo:tribuo-common-nearest-neighbour 4.3.2 (KNNTrainer, L2, brute force)";
    }

    @Override
    public List<Map<String, Object>> searchGrid(int featureCount) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (int k : new int[]{15, 31, 61}) {
            grid.add(Map.of("k", k));
        }
        return grid;
    }

    @Override
    public FittedModel fit(FeatureMatrix train, Map<String, Object> hyperparameters, long seed) {
        int k = Learner.intOf(hyperparameters, "k");
        if (k % 2 == 0) {
            throw new IllegalArgumentException("k must be odd so that the vote cannot tie, was " + k);
        }
        StandardScaler scaler = StandardScaler.fit(train.rows());
        FeatureMatrix scaled = new FeatureMatrix(train.columns(), scaler.transform(train.rows()), train.labels());
        var trainer = new KNNTrainer<>(k, new L2Distance(), 1, new VotingCombiner(), KNNModel.Backend.THREADPOOL,
                NeighboursQueryFactoryType.BRUTE_FORCE);
        Model<Label> knn = trainer.train(TribuoData.dataset(scaled));
        return new FittedModel() {
            @Override
            public Scores score(float[][] rows) {
                return TribuoData.score(knn, scaler.transform(rows));
            }

            @Override
            public OnnxMl.ModelProto toOnnx() {
                return graph(scaler, scaled, k);
            }
        };
    }

    /**
     * Standardise in float32 exactly as in training, then squared Euclidean distances to every
     * training row in float64 (the precision Tribuo uses), TopK smallest, mean of their labels.
     */
    private static OnnxMl.ModelProto graph(StandardScaler scaler, FeatureMatrix scaledTrain, int k) {
        int m = scaledTrain.size();
        int f = scaledTrain.width();
        OnnxGraph graph = new OnnxGraph(ModelNames.KNN, f);
        String centred = graph.apply("Sub", "centred", ModelNames.INPUT, graph.floatConstant("mean", scaler.mean(), f));
        String scaled = graph.apply("Div", "scaled", centred, graph.floatConstant("std", scaler.std(), f));
        String wide = graph.fresh("scaled64");
        graph.node("Cast", List.of(scaled), List.of(wide))
                .addAttribute(OnnxGraph.intAttribute("to", OnnxMl.TensorProto.DataType.DOUBLE.getNumber()));
        String query = graph.apply("Unsqueeze", "query", wide, graph.longConstant("axis1", new long[]{1}, 1));
        double[] flat = new double[m * f];
        float[] labels = new float[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < f; j++) {
                flat[i * f + j] = scaledTrain.rows()[i][j];
            }
            labels[i] = scaledTrain.labels()[i];
        }
        String difference = graph.apply("Sub", "difference", query, graph.doubleConstant("train", flat, m, f));
        String squared = graph.apply("Mul", "squared", difference, difference);
        String distance = graph.fresh("distance");
        graph.node("ReduceSum", List.of(squared, graph.longConstant("axis2", new long[]{2}, 1)), List.of(distance))
                .addAttribute(OnnxGraph.intAttribute("keepdims", 0));
        String nearestDistance = graph.fresh("nearest_distance");
        String nearest = graph.fresh("nearest");
        graph.node("TopK", List.of(distance, graph.longConstant("k", new long[]{k}, 1)), List.of(nearestDistance, nearest))
                .addAttribute(OnnxGraph.intAttribute("axis", 1))
                .addAttribute(OnnxGraph.intAttribute("largest", 0))
                .addAttribute(OnnxGraph.intAttribute("sorted", 1));
        String votes = graph.apply("Gather", "votes", graph.floatConstant("train_labels", labels, m), nearest);
        String hitProbability = graph.fresh("p_hit");
        graph.node("ReduceMean", List.of(votes), List.of(hitProbability))
                .addAttribute(OnnxGraph.intsAttribute("axes", new long[]{1}))
                .addAttribute(OnnxGraph.intAttribute("keepdims", 1));
        String decision = graph.apply("Greater", "decision", hitProbability, graph.floatConstant("half", new float[]{0.5f}));
        graph.finishWithHitProbability(hitProbability, decision);
        return graph.build();
    }
}

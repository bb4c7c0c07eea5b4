package io.hitorflop.training.learners;

import ai.onnx.proto.OnnxMl;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.onnx.OnnxGraph;
import io.hitorflop.training.onnx.TreeEnsembleBuilder;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.common.tree.TreeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One CART tree (Breiman et al. 1984), Gini impurity, via Tribuo. */
public final class DecisionTreeLearner implements Learner {

    @Override
    public String name() {
        return ModelNames.DECISION_TREE;
    }

    @Override
    public String library() {
        return "org.tribuo:tribuo-classification-tree 4.3.2 (CARTClassificationTrainer, Gini)";
    }

    @Override
    public List<Map<String, Object>> searchGrid(int featureCount) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (int depth : new int[]{4, 6, 8, 10}) {
            for (int minChildWeight : new int[]{5, 50}) {
                grid.add(Map.of("maxDepth", depth, "minChildWeight", minChildWeight));
            }
        }
        return grid;
    }

    static CARTClassificationTrainer cart(int maxDepth, float minChildWeight, float featureFraction, long seed) {
        return new CARTClassificationTrainer(maxDepth, minChildWeight, 0.0f, featureFraction, false, new GiniIndex(), seed);
    }

    @Override
    public FittedModel fit(FeatureMatrix train, Map<String, Object> hyperparameters, long seed) {
        CARTClassificationTrainer trainer = cart(Learner.intOf(hyperparameters, "maxDepth"),
                (float) Learner.doubleOf(hyperparameters, "minChildWeight"), 1.0f, seed);
        @SuppressWarnings("unchecked")
        TreeModel<Label> tree = (TreeModel<Label>) (Model<Label>) trainer.train(TribuoData.dataset(train));
        int width = train.width();
        return new FittedModel() {
            @Override
            public Scores score(float[][] rows) {
                return TribuoData.score(tree, rows);
            }

            @Override
            public OnnxMl.ModelProto toOnnx() {
                TreeEnsembleBuilder trees = new TreeEnsembleBuilder(2);
                TribuoTreeExport.addTree(trees, 0, tree, leaf -> TribuoTreeExport.distribution(leaf, 1.0));
                OnnxGraph graph = new OnnxGraph(ModelNames.DECISION_TREE, width);
                graph.finishWithProbabilities(trees.classifier(graph, ModelNames.INPUT));
                return graph.build();
            }
        };
    }
}

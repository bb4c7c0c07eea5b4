package io.hitorflop.training.learners;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.onnx.OnnxGraph;
import io.hitorflop.training.onnx.TreeEnsembleBuilder;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.AdaBoostTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.protos.core.WeightedEnsembleModelProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AdaBoost, SAMME variant (Zhu et al. 2009, "Multi-class AdaBoost"), over shallow CART trees via
 * Tribuo. P(HIT) is the alpha-weighted share of members voting HIT.
 */
public final class AdaBoostLearner implements Learner {

    public static final int MEMBERS = 100;
    private static final float MIN_CHILD_WEIGHT = 1e-6f;

    @Override
    public String name() {
        return ModelNames.ADA_BOOST;
    }

    @Override
    public String library() {
        return "org.tribuo:tribuo-classification-core 4.3.2 (AdaBoostTrainer, SAMME) + CART";
    }

    @Override
    public List<Map<String, Object>> searchGrid(int featureCount) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (int depth : new int[]{1, 2}) {
            grid.add(Map.of("members", MEMBERS, "maxDepth", depth));
        }
        return grid;
    }

    @Override
    public FittedModel fit(FeatureMatrix train, Map<String, Object> hyperparameters, long seed) {
        // AdaBoost hands CART example weights that sum to 1, so the minimum child weight must be tiny.
        var stump = DecisionTreeLearner.cart(Learner.intOf(hyperparameters, "maxDepth"), MIN_CHILD_WEIGHT, 1.0f, seed);
        var trainer = new AdaBoostTrainer(stump, Learner.intOf(hyperparameters, "members"), seed);
        WeightedEnsembleModel<Label> boosted = trainer.train(TribuoData.dataset(train));
        float[] alphas = memberWeights(boosted);
        int width = train.width();
        return new FittedModel() {
            @Override
            public Scores score(float[][] rows) {
                return TribuoData.score(boosted, rows);
            }

            @Override
            public OnnxMl.ModelProto toOnnx() {
                double total = 0;
                for (float alpha : alphas) {
                    total += alpha;
                }
                TreeEnsembleBuilder trees = new TreeEnsembleBuilder(2);
                List<Model<Label>> members = boosted.getModels();
                for (int t = 0; t < members.size(); t++) {
                    @SuppressWarnings("unchecked")
                    TreeModel<Label> tree = (TreeModel<Label>) members.get(t);
                    float share = (float) (alphas[t] / total);
                    TribuoTreeExport.addTree(trees, t, tree, leaf -> TribuoData.HIT.equals(leaf.getOutput().getLabel())
                            ? new float[]{0f, share} : new float[]{share, 0f});
                }
                OnnxGraph graph = new OnnxGraph(ModelNames.ADA_BOOST, width);
                graph.finishWithProbabilities(trees.classifier(graph, ModelNames.INPUT));
                return graph.build();
            }
        };
    }

    /** Tribuo keeps the member weights (alphas) private; its own protobuf serialisation exposes them. */
    private static float[] memberWeights(WeightedEnsembleModel<Label> model) {
        try {
            var proto = model.serialize().getSerializedData().unpack(WeightedEnsembleModelProto.class);
            float[] weights = new float[proto.getWeightsCount()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = proto.getWeights(i);
            }
            return weights;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot read AdaBoost member weights", e);
        }
    }
}

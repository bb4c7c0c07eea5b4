package io.hitorflop.training.learners;

import io.hitorflop.training.onnx.TreeEnsembleBuilder;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Copies a Tribuo CART tree into a {@link TreeEnsembleBuilder}. Tribuo sends {@code x > split} to
 * the right in double precision; the graph compares float32 inputs with {@code x <= t}, where t is
 * the largest float not above Tribuo's split, which sends every float32 input the same way.
 */
final class TribuoTreeExport {

    static void addTree(TreeEnsembleBuilder builder, int treeId, TreeModel<Label> tree,
                        Function<LeafNode<Label>, float[]> leafWeights) {
        Map<Node<Label>, Integer> ids = new IdentityHashMap<>();
        number(tree.getRoot(), ids);
        emit(builder, treeId, tree.getRoot(), ids, tree.getFeatureIDMap(), leafWeights);
    }

    /** Pre-order ids (root 0): ONNX Runtime takes the first node listed for a tree as its root. */
    private static void number(Node<Label> node, Map<Node<Label>, Integer> ids) {
        ids.put(node, ids.size());
        if (node instanceof SplitNode<Label> split) {
            number(split.getLessThanOrEqual(), ids);
            number(split.getGreaterThan(), ids);
        }
    }

    private static void emit(TreeEnsembleBuilder builder, int treeId, Node<Label> node, Map<Node<Label>, Integer> ids,
                             ImmutableFeatureMap features, Function<LeafNode<Label>, float[]> leafWeights) {
        if (node instanceof LeafNode<Label> leaf) {
            builder.leaf(treeId, ids.get(node), leafWeights.apply(leaf));
            return;
        }
        SplitNode<Label> split = (SplitNode<Label>) node;
        builder.split(treeId, ids.get(node), TribuoData.columnOf(features, split.getFeatureID()),
                TreeEnsembleBuilder.Comparison.BRANCH_LEQ, largestFloatNotAbove(split.splitValue()),
                ids.get(split.getLessThanOrEqual()), ids.get(split.getGreaterThan()), true);
        emit(builder, treeId, split.getLessThanOrEqual(), ids, features, leafWeights);
        emit(builder, treeId, split.getGreaterThan(), ids, features, leafWeights);
    }

    static float largestFloatNotAbove(double value) {
        float f = (float) value;
        return f > value ? Math.nextDown(f) : f;
    }

    /** The leaf's class distribution as [P(FLOP), P(HIT)], scaled by {@code weight}. */
    static float[] distribution(LeafNode<Label> leaf, double weight) {
        var distribution = leaf.getDistribution();
        return new float[]{
                (float) (weight * score(distribution, TribuoData.FLOP)),
                (float) (weight * score(distribution, TribuoData.HIT))};
    }

    private static double score(java.util.Map<String, Label> distribution, String name) {
        Label label = distribution.get(name);
        return label == null ? 0.0 : label.getScore();
    }

    private TribuoTreeExport() {
    }
}

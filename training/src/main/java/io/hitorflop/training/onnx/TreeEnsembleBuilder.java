package io.hitorflop.training.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects decision trees node by node, in the flat arrays of ai.onnx.ml's TreeEnsembleClassifier
 * and TreeEnsembleRegressor, and emits one of those operators.
 */
public final class TreeEnsembleBuilder {

    /** How a split node compares: {@code x <= threshold} (CART) or {@code x < threshold} (XGBoost). */
    public enum Comparison {
        BRANCH_LEQ, BRANCH_LT
    }

    private final int classes;
    private final List<Long> treeIds = new ArrayList<>();
    private final List<Long> nodeIds = new ArrayList<>();
    private final List<Long> featureIds = new ArrayList<>();
    private final List<String> modes = new ArrayList<>();
    private final List<Float> values = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();
    private final List<Long> missingTracksTrue = new ArrayList<>();
    private final List<Long> weightTreeIds = new ArrayList<>();
    private final List<Long> weightNodeIds = new ArrayList<>();
    private final List<Long> weightClassIds = new ArrayList<>();
    private final List<Float> weights = new ArrayList<>();

    /** @param classes number of outputs per leaf: 2 for class scores, 1 for a single regression target */
    public TreeEnsembleBuilder(int classes) {
        this.classes = classes;
    }

    public void split(int tree, int node, int feature, Comparison comparison, float threshold,
                      int trueNode, int falseNode, boolean missingGoesTrue) {
        add(tree, node, feature, comparison.name(), threshold, trueNode, falseNode, missingGoesTrue);
    }

    /** A leaf with one weight per output (all outputs listed, so the runtime never takes its one-class shortcut). */
    public void leaf(int tree, int node, float[] outputWeights) {
        if (outputWeights.length != classes) {
            throw new IllegalArgumentException("leaf needs " + classes + " weights, got " + outputWeights.length);
        }
        add(tree, node, 0, "LEAF", 0f, 0, 0, false);
        for (int c = 0; c < classes; c++) {
            weightTreeIds.add((long) tree);
            weightNodeIds.add((long) node);
            weightClassIds.add((long) c);
            weights.add(outputWeights[c]);
        }
    }

    private void add(int tree, int node, int feature, String mode, float value, int trueNode, int falseNode,
                     boolean missingGoesTrue) {
        treeIds.add((long) tree);
        nodeIds.add((long) node);
        featureIds.add((long) feature);
        modes.add(mode);
        values.add(value);
        trueIds.add((long) trueNode);
        falseIds.add((long) falseNode);
        missingTracksTrue.add(missingGoesTrue ? 1L : 0L);
    }

    /** TreeEnsembleClassifier with classes 0 and 1 and no post transform; returns the scores [N, 2] tensor. */
    public String classifier(OnnxGraph graph, String input) {
        String label = graph.fresh("tree_label");
        String scores = graph.fresh("tree_scores");
        var node = graph.node("TreeEnsembleClassifier", List.of(input), List.of(label, scores)).setDomain(OnnxGraph.ML_DOMAIN);
        node.addAttribute(OnnxGraph.intsAttribute("classlabels_int64s", new long[]{0, 1}));
        node.addAttribute(OnnxGraph.intsAttribute("class_treeids", longs(weightTreeIds)));
        node.addAttribute(OnnxGraph.intsAttribute("class_nodeids", longs(weightNodeIds)));
        node.addAttribute(OnnxGraph.intsAttribute("class_ids", longs(weightClassIds)));
        node.addAttribute(OnnxGraph.floatsAttribute("class_weights", floats(weights)));
        addNodeAttributes(node);
        node.addAttribute(OnnxGraph.stringAttribute("post_transform", "NONE"));
        return scores;
    }

    /** TreeEnsembleRegressor summing one target over all trees plus {@code base}; returns [N, 1]. */
    public String regressor(OnnxGraph graph, String input, float base) {
        String out = graph.fresh("tree_sum");
        var node = graph.node("TreeEnsembleRegressor", List.of(input), List.of(out)).setDomain(OnnxGraph.ML_DOMAIN);
        node.addAttribute(OnnxGraph.intAttribute("n_targets", 1));
        node.addAttribute(OnnxGraph.intsAttribute("target_treeids", longs(weightTreeIds)));
        node.addAttribute(OnnxGraph.intsAttribute("target_nodeids", longs(weightNodeIds)));
        node.addAttribute(OnnxGraph.intsAttribute("target_ids", longs(weightClassIds)));
        node.addAttribute(OnnxGraph.floatsAttribute("target_weights", floats(weights)));
        node.addAttribute(OnnxGraph.floatsAttribute("base_values", new float[]{base}));
        node.addAttribute(OnnxGraph.stringAttribute("aggregate_function", "SUM"));
        addNodeAttributes(node);
        node.addAttribute(OnnxGraph.stringAttribute("post_transform", "NONE"));
        return out;
    }

    private void addNodeAttributes(ai.onnx.proto.OnnxMl.NodeProto.Builder node) {
        node.addAttribute(OnnxGraph.intsAttribute("nodes_treeids", longs(treeIds)));
        node.addAttribute(OnnxGraph.intsAttribute("nodes_nodeids", longs(nodeIds)));
        node.addAttribute(OnnxGraph.intsAttribute("nodes_featureids", longs(featureIds)));
        node.addAttribute(OnnxGraph.stringsAttribute("nodes_modes", modes));
        node.addAttribute(OnnxGraph.floatsAttribute("nodes_values", floats(values)));
        node.addAttribute(OnnxGraph.intsAttribute("nodes_truenodeids", longs(trueIds)));
        node.addAttribute(OnnxGraph.intsAttribute("nodes_falsenodeids", longs(falseIds)));
        node.addAttribute(OnnxGraph.intsAttribute("nodes_missing_value_tracks_true", longs(missingTracksTrue)));
    }

    private static long[] longs(List<Long> list) {
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] floats(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}

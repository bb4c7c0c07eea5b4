package io.hitorflop.training.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureSpec;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.training.combination.CombinationChoice;
import io.hitorflop.training.data.FeatureMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes card.json: the contract's {@link ModelCard} fields plus the training details the
 * contract leaves free (split sizes, cross-validation log). Keys are sorted and no clock value
 * is written, so the same run writes the same bytes.
 */
public final class ModelCardWriter {

    public static final String FITTED_ON = "training part of the grouped 80/20 split of hit_predictor_dev.csv.gz "
            + "(the test part is held back for the reported metrics)";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public record Context(FeatureSet set, String dataSha256, String codeRevision, long seed, FeatureMatrix train,
                          Map<String, Object> dataSummary) {
        public String version() {
            return dataSha256.substring(0, 12) + "-" + codeRevision;
        }
    }

    public static byte[] write(Context context, List<TrainedModel> models, Map<String, String> onnxSha256,
                               CombinationChoice.Result combination, Map<String, Object> metrics,
                               ModelCard.Artifact explanationBackground, ModelCard.Artifact referenceTracks) {
        List<ModelCard.Feature> features = new ArrayList<>();
        List<FeatureSpec> specs = context.set().features();
        for (int j = 0; j < specs.size(); j++) {
            FeatureSpec spec = specs.get(j);
            features.add(new ModelCard.Feature(spec.name(), spec.unit(), spec.min(), spec.max(),
                    median(context.train().column(j)), FeatureJustifications.of(spec.name())));
        }
        List<ModelCard.Model> cardModels = new ArrayList<>();
        for (TrainedModel model : models) {
            String name = model.learner().name();
            cardModels.add(new ModelCard.Model(name, name + ".onnx", onnxSha256.get(name), model.learner().library(),
                    new TreeMap<>(model.hyperparameters())));
        }
        ModelCard card = new ModelCard(context.set().id(), context.version(), context.dataSha256(), context.codeRevision(),
                context.seed(), FITTED_ON, features, cardModels, TrainingRun.VOTE.hardVoteMinHits(),
                TrainingRun.VOTE.softThreshold(),
                metrics, combination.reported(), explanationBackground, referenceTracks);
        ObjectNode json = JSON.valueToTree(card);
        json.set("data", JSON.valueToTree(context.dataSummary()));
        Map<String, Object> cv = new TreeMap<>();
        for (TrainedModel model : models) {
            if (model.search() != null) {
                cv.put(model.learner().name(), model.search().trials());
            }
        }
        json.set("crossValidation", JSON.valueToTree(cv));
        json.set("reportedProbabilityChoice", JSON.valueToTree(Map.of(
                "protocol", "chosen on the members' out-of-fold P(HIT) of the grouped CV on the training part: "
                        + "combination by mean fold ROC AUC, calibration by mean fold Brier score, threshold by "
                        + "out-of-fold accuracy",
                "combinations", combination.combinations(),
                "calibrations", combination.calibrations(),
                "outOfFoldAccuracy", combination.outOfFoldAccuracy())));
        try {
            return (JSON.writeValueAsString(JSON.treeToValue(json, Object.class)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private ModelCardWriter() {
    }
}

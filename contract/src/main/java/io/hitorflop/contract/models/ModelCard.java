package io.hitorflop.contract.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hitorflop.contract.events.HeldOutAuc;

import java.util.List;
import java.util.Map;

/**
 * The machine-readable card written next to each feature set's ONNX models
 * ({@code models/<featureSet>/card.json}); the training module writes it, the inference service
 * reads it. Unknown fields are ignored so the card can grow without breaking readers.
 *
 * @param featureSet   {@code audio} or {@code spotify}
 * @param version      data sha256 (first 12 hex) + "-" + code revision
 * @param features     the model inputs in graph input order
 * @param models       the five models of the ensemble
 * @param hardVoteMinHits how many HIT labels make the ensemble say HIT
 * @param softThreshold   mean probability at or above which the soft vote says HIT
 * @param metrics      evaluation figures (free form, see the training report)
 * @param reportedProbability how the members' P(HIT) become the verdict's probability and label
 * @param explanationBackground the rows Shapley explanations are computed against (a file beside the card);
 *                              null in cards written before
 * @param referenceTracks       the KNN model's training rows with their titles (a file beside the card),
 *                              for the closest songs and the KNN's own scoring; null in cards written before
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(String featureSet, String version, String dataSha256, String codeRevision, long seed,
                        String fittedOn, List<Feature> features, List<Model> models, int hardVoteMinHits,
                        double softThreshold, Map<String, Object> metrics, ReportedProbability reportedProbability,
                        Artifact explanationBackground, Artifact referenceTracks) {

    public static final String FILE_NAME = "card.json";

    /** The key of {@link #metrics} holding the figures of the probability a verdict reports. */
    public static final String REPORTED_METRICS = "reported";

    /**
     * The held-out test AUC of the reported probability ({@code metrics.reported.rocAuc}: the
     * figure that describes the verdict's probability), or null when the card does not state it.
     */
    public HeldOutAuc heldOutAuc() {
        if (metrics == null || !(metrics.get(REPORTED_METRICS) instanceof Map<?, ?> reported)
                || !(reported.get("rocAuc") instanceof Map<?, ?> auc)
                || !(auc.get("value") instanceof Number value) || !(auc.get("ci95Low") instanceof Number low)
                || !(auc.get("ci95High") instanceof Number high)) {
            return null;
        }
        return new HeldOutAuc(value.doubleValue(), low.doubleValue(), high.doubleValue());
    }

    /** Every file the card names, relative to it: the models' and the data files beside them. */
    public List<String> files() {
        List<String> files = new java.util.ArrayList<>(models.stream().map(Model::file).toList());
        for (Artifact artifact : java.util.Arrays.asList(explanationBackground, referenceTracks)) {
            if (artifact != null) {
                files.add(artifact.file());
            }
        }
        return files;
    }

    /**
     * @param baseline      the training median, used to explain a verdict (what if this feature were typical)
     * @param justification why the feature is in the set
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Feature(String name, String unit, double min, double max, double baseline, String justification) {
    }

    /**
     * @param name            {@code random_forest}, {@code xgboost}, {@code ada_boost}, {@code knn}, {@code decision_tree}
     * @param file            ONNX file name relative to the card
     * @param sha256          of the ONNX file
     * @param hyperparameters as chosen by grouped cross-validation
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String name, String file, String sha256, String library, Map<String, Object> hyperparameters) {
    }

    /**
     * A data file shipped beside the card and versioned with the models.
     *
     * @param file        file name relative to the card
     * @param sha256      of the file's bytes
     * @param rows        how many rows it holds
     * @param description how the rows were chosen, and their source and licence
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Artifact(String file, String sha256, int rows, String description) {
    }
}

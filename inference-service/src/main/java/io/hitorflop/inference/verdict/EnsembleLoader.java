package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.inference.explanation.ShapleyExplainer;
import io.hitorflop.inference.neighbours.ReferenceTracks;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads {@code <featureSet>/card.json}, its five ONNX files, its explanation background and its
 * reference tracks, refusing anything that does not match the contract: the card's set, features
 * and model names, and each file's sha256. The KNN model is scored from its reference tracks
 * ({@link KnnClassifier}); its ONNX file is checked but not run.
 */
public final class EnsembleLoader {

    /**
     * Permutations walked per background row by the estimator of sets too large to enumerate
     * (inference-service README, "Explanation": its measured error and cost).
     */
    public static final int PERMUTATIONS_PER_BACKGROUND_ROW = 2;

    private final ModelFiles files;
    private final ObjectMapper json;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;

    public EnsembleLoader(ModelFiles files, ObjectMapper json, OrtEnvironment environment,
                          OrtSession.SessionOptions options) {
        this.files = files;
        this.json = json;
        this.environment = environment;
        this.options = options;
    }

    public Ensemble load(FeatureSet set) {
        String cardPath = set.id() + "/" + ModelCard.FILE_NAME;
        ModelCard card;
        try {
            card = json.readValue(files.read(cardPath), ModelCard.class);
        } catch (IOException unreadable) {
            throw new ModelSetException("model card " + files.describe(cardPath) + " cannot be read: "
                    + unreadable.getMessage(), unreadable);
        }
        requireMatchesContract(set, card, files.describe(cardPath));
        Map<String, ModelCard.Model> byName = card.models().stream()
                .collect(Collectors.toMap(ModelCard.Model::name, Function.identity()));
        ReferenceTracks referenceTracks = referenceTracks(set, card);
        ShapleyExplainer explainer = ShapleyExplainer.forBackground(background(set, card),
                PERMUTATIONS_PER_BACKGROUND_ROW, card.seed());
        List<Classifier> classifiers = new ArrayList<>();
        try {
            for (String name : ModelNames.ALL) {
                ModelCard.Model model = byName.get(name);
                byte[] onnx = checkedFile(set, "model", model.file(), model.sha256());
                classifiers.add(ModelNames.KNN.equals(name)
                        ? new KnnClassifier(name, referenceTracks, neighbourCount(model))
                        : open(set, model, onnx));
            }
        } catch (RuntimeException failed) {
            closeQuietly(classifiers, failed);
            throw failed;
        }
        return new Ensemble(set, card, classifiers, explainer, referenceTracks);
    }

    private float[][] background(FeatureSet set, ModelCard card) {
        ModelCard.Artifact artifact = requireArtifact(card.explanationBackground(), set, "explanationBackground");
        byte[] bytes = checkedFile(set, "explanation background", artifact.file(), artifact.sha256());
        String path = set.id() + "/" + artifact.file();
        try {
            Background background = json.readValue(bytes, Background.class);
            if (!set.names().equals(background.features()) || background.rows().length == 0
                    || Arrays.stream(background.rows()).anyMatch(row -> row.length != set.names().size())) {
                throw new ModelSetException("explanation background " + files.describe(path) + " does not hold rows of "
                        + set.names());
            }
            return background.rows();
        } catch (IOException unreadable) {
            throw new ModelSetException("explanation background " + files.describe(path) + " cannot be read: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    private ReferenceTracks referenceTracks(FeatureSet set, ModelCard card) {
        ModelCard.Artifact artifact = requireArtifact(card.referenceTracks(), set, "referenceTracks");
        byte[] bytes = checkedFile(set, "reference tracks", artifact.file(), artifact.sha256());
        try {
            return ReferenceTracks.read(bytes, json, set.names());
        } catch (IOException unreadable) {
            throw new ModelSetException("reference tracks " + files.describe(set.id() + "/" + artifact.file())
                    + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }

    private static ModelCard.Artifact requireArtifact(ModelCard.Artifact artifact, FeatureSet set, String field) {
        if (artifact == null || artifact.file() == null) {
            throw new ModelSetException("the '" + set.id() + "' model card names no " + field + " file");
        }
        return artifact;
    }

    private static int neighbourCount(ModelCard.Model knn) {
        if (knn.hyperparameters() == null || !(knn.hyperparameters().get("k") instanceof Number k)) {
            throw new ModelSetException("the card states no k for " + knn.name());
        }
        return k.intValue();
    }

    /** The file's bytes, after checking them against the card's sha256. */
    private byte[] checkedFile(FeatureSet set, String what, String file, String expectedSha256) {
        String path = set.id() + "/" + file;
        byte[] bytes;
        try {
            bytes = files.read(path);
        } catch (IOException unreadable) {
            throw new ModelSetException(what + " " + files.describe(path) + " cannot be read: " + unreadable, unreadable);
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new ModelSetException(what + " " + files.describe(path) + " has sha256 " + actual
                    + " but its card says " + expectedSha256);
        }
        return bytes;
    }

    /** The form of {@code background.json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Background(List<String> features, float[][] rows) {
    }

    private OnnxClassifier open(FeatureSet set, ModelCard.Model model, byte[] onnx) {
        String path = set.id() + "/" + model.file();
        try {
            return new OnnxClassifier(model.name(), environment, environment.createSession(onnx, options));
        } catch (OrtException corrupt) {
            throw new ModelSetException("model " + files.describe(path) + " is not a usable ONNX graph: "
                    + corrupt.getMessage(), corrupt);
        }
    }

    private static void requireMatchesContract(FeatureSet set, ModelCard card, String where) {
        if (!set.id().equals(card.featureSet())) {
            throw new ModelSetException(where + " is for feature set '" + card.featureSet() + "', expected '"
                    + set.id() + "'");
        }
        List<String> features = card.features() == null ? List.of()
                : card.features().stream().map(ModelCard.Feature::name).toList();
        if (!features.equals(set.names())) {
            throw new ModelSetException(where + " lists features " + features + ", the contract says " + set.names());
        }
        List<String> models = card.models() == null ? List.of()
                : card.models().stream().map(ModelCard.Model::name).sorted().toList();
        if (!models.equals(ModelNames.ALL.stream().sorted().toList())) {
            throw new ModelSetException(where + " lists models " + models + ", expected " + ModelNames.ALL);
        }
        try {
            EnsembleVote.of(card).requireReachableBy(ModelNames.ALL.size());
        } catch (IllegalArgumentException unusable) {
            throw new ModelSetException(where + " states no usable vote rule: " + unusable.getMessage(), unusable);
        }
        if (card.reportedProbability() == null) {
            throw new ModelSetException(where + " states no reportedProbability (how the models' P(HIT) become the verdict's)");
        }
        try {
            card.reportedProbability().requireUsable();
        } catch (IllegalArgumentException unusable) {
            throw new ModelSetException(where + " states no usable reportedProbability: " + unusable.getMessage(), unusable);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException mandatoryInEveryJvm) {
            throw new IllegalStateException(mandatoryInEveryJvm);
        }
    }

    private static void closeQuietly(List<Classifier> opened, RuntimeException failure) {
        for (Classifier classifier : opened) {
            try {
                classifier.close();
            } catch (OrtException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }
}

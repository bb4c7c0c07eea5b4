package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads {@code <featureSet>/card.json} and its five ONNX files, refusing anything that does not
 * match the contract: the card's set, features and model names, and each file's sha256.
 */
public final class EnsembleLoader {

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
        List<OnnxClassifier> classifiers = new ArrayList<>();
        try {
            for (String name : ModelNames.ALL) {
                classifiers.add(open(set, byName.get(name)));
            }
        } catch (RuntimeException failed) {
            closeQuietly(classifiers, failed);
            throw failed;
        }
        return new Ensemble(set, card, classifiers);
    }

    private OnnxClassifier open(FeatureSet set, ModelCard.Model model) {
        String path = set.id() + "/" + model.file();
        byte[] onnx;
        try {
            onnx = files.read(path);
        } catch (IOException unreadable) {
            throw new ModelSetException("model " + files.describe(path) + " cannot be read: " + unreadable, unreadable);
        }
        String actual = sha256(onnx);
        if (!actual.equalsIgnoreCase(model.sha256())) {
            throw new ModelSetException("model " + files.describe(path) + " has sha256 " + actual
                    + " but its card says " + model.sha256());
        }
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

    private static void closeQuietly(List<OnnxClassifier> opened, RuntimeException failure) {
        for (OnnxClassifier classifier : opened) {
            try {
                classifier.close();
            } catch (OrtException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }
}

package io.hitorflop.contract.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two model input sets. Names, order, units and ranges here are the contract between the
 * training module (which writes them into each model card), the feature service (which measures
 * the {@code audio} set) and the inference service (which feeds them to the ONNX graphs in this
 * order).
 */
public enum FeatureSet {

    /**
     * What the feature service measures from the audio signal itself. time_signature is left out:
     * meter estimation is not reliable enough to feed a model (see the feature-service README).
     */
    AUDIO("audio", List.of(
            Specs.TEMPO,
            Specs.LOUDNESS,
            Specs.KEY,
            Specs.MODE,
            Specs.DURATION_MS)),

    /** The Spotify Web API audio features a client may submit directly. */
    SPOTIFY("spotify", List.of(
            Specs.unit("danceability", "How suitable for dancing, from tempo, rhythm stability, beat strength and regularity."),
            Specs.unit("energy", "Perceptual intensity and activity."),
            Specs.KEY,
            Specs.LOUDNESS,
            Specs.MODE,
            Specs.unit("speechiness", "Presence of spoken words."),
            Specs.unit("acousticness", "Confidence the track is acoustic."),
            Specs.unit("instrumentalness", "Likelihood the track has no vocals."),
            Specs.unit("liveness", "Likelihood an audience is present in the recording."),
            Specs.unit("valence", "Musical positiveness."),
            Specs.TEMPO,
            Specs.DURATION_MS,
            FeatureSpec.whole("time_signature", "beats per bar", 0, 7,
                    "Estimated beats per bar, as Spotify reports it (3 to 7; 0 and 1 occur in its data).")));

    private final String id;
    private final List<FeatureSpec> features;

    FeatureSet(String id, List<FeatureSpec> features) {
        this.id = id;
        this.features = features;
    }

    /** The name used in topics, model directories and the API ({@code audio}, {@code spotify}). */
    public String id() {
        return id;
    }

    public List<FeatureSpec> features() {
        return features;
    }

    public List<String> names() {
        return features.stream().map(FeatureSpec::name).toList();
    }

    public int size() {
        return features.size();
    }

    public static FeatureSet fromId(String id) {
        return Arrays.stream(values())
                .filter(set -> set.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown feature set '" + id + "'"));
    }

    /** Every reason {@code values} cannot be scored with this set: missing, unknown, out of range. */
    public List<FeatureViolation> validate(Map<String, Double> values) {
        List<FeatureViolation> violations = new ArrayList<>();
        for (FeatureSpec spec : features) {
            String problem = spec.problemWith(values.get(spec.name()));
            if (problem != null) {
                violations.add(new FeatureViolation(spec.name(), problem));
            }
        }
        Set<String> known = Set.copyOf(names());
        values.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .forEach(name -> violations.add(new FeatureViolation(name, "is not a feature of the '" + id + "' set")));
        return violations;
    }

    /** The values in model input order; call {@link #validate} first. */
    public float[] toVector(Map<String, Double> values) {
        float[] vector = new float[features.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(features.get(i).name()).floatValue();
        }
        return vector;
    }

    /** Only this set's features, in model input order. */
    public Map<String, Double> select(Map<String, Double> values) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (FeatureSpec spec : features) {
            ordered.put(spec.name(), values.get(spec.name()));
        }
        return ordered;
    }

    /** Specs shared by both sets, so a feature has one definition. */
    private static final class Specs {
        static final FeatureSpec TEMPO = FeatureSpec.real("tempo", "BPM", 0, 300,
                "Estimated tempo in beats per minute.");
        static final FeatureSpec LOUDNESS = FeatureSpec.real("loudness", "dB", -70, 10,
                "Overall loudness. Measured here as integrated loudness (ITU-R BS.1770-4, LUFS), "
                        + "taken as equal to Spotify's dB figure.");
        static final FeatureSpec KEY = FeatureSpec.whole("key", "pitch class", -1, 11,
                "Estimated key as a pitch class, C=0 ... B=11; -1 when no key is detected.");
        static final FeatureSpec MODE = FeatureSpec.whole("mode", "1 major / 0 minor", 0, 1,
                "Modality of the estimated key.");
        static final FeatureSpec DURATION_MS = FeatureSpec.whole("duration_ms", "ms", 1_000, 7_200_000,
                "Duration of the track in milliseconds.");

        static FeatureSpec unit(String name, String description) {
            return FeatureSpec.real(name, "0..1", 0, 1, description);
        }

        private Specs() {
        }
    }
}

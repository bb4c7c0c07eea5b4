package io.hitorflop.training.pipeline;

import java.util.Map;

/** Why each feature is a model input; written into every card next to the feature. */
public final class FeatureJustifications {

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("tempo", "Measured from the audio (beat tracking). Hit and non-hit tempo distributions differ by era and genre."),
            Map.entry("loudness", "Measured from the audio as integrated loudness (ITU-R BS.1770, LUFS), taken as equal to Spotify's dB figure; "
                    + "chart music is mastered louder, the strongest single audio cue. See the report's +/-3 dB sensitivity."),
            Map.entry("key", "Measured from the audio (key estimation). Weak alone, kept because trees can combine it with mode."),
            Map.entry("mode", "Measured from the audio with the key (major/minor)."),
            Map.entry("duration_ms", "Measured exactly from the file. Hits cluster around radio length (about 3-4 minutes)."),
            Map.entry("danceability", "Spotify audio feature a client may submit; strongly associated with chart success in this data."),
            Map.entry("energy", "Spotify audio feature a client may submit."),
            Map.entry("speechiness", "Spotify audio feature a client may submit."),
            Map.entry("acousticness", "Spotify audio feature a client may submit."),
            Map.entry("instrumentalness", "Spotify audio feature a client may submit; non-hits in this data are far more often instrumental."),
            Map.entry("liveness", "Spotify audio feature a client may submit."),
            Map.entry("valence", "Spotify audio feature a client may submit."),
            Map.entry("time_signature", "Spotify audio feature a client may submit. Not in the audio set: the feature service does not estimate meter reliably."));

    public static String of(String feature) {
        String why = WHY.get(feature);
        if (why == null) {
            throw new IllegalArgumentException("no justification written for feature " + feature);
        }
        return why;
    }

    private FeatureJustifications() {
    }
}

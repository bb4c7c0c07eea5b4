package io.hitorflop.contract.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature vectors for tests, shared with the services' tests through this module's test-jar
 * ({@code <type>test-jar</type>}).
 */
public final class SampleVectors {

    /** A complete {@link FeatureSet#SPOTIFY} vector with every value in range, in set order; a new, mutable map each call. */
    public static Map<String, Double> validSpotify() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("danceability", 0.7);
        v.put("energy", 0.8);
        v.put("key", 5.0);
        v.put("loudness", -6.5);
        v.put("mode", 1.0);
        v.put("speechiness", 0.05);
        v.put("acousticness", 0.1);
        v.put("instrumentalness", 0.0);
        v.put("liveness", 0.12);
        v.put("valence", 0.6);
        v.put("tempo", 120.0);
        v.put("duration_ms", 210_000.0);
        v.put("time_signature", 4.0);
        return v;
    }

    private SampleVectors() {
    }
}

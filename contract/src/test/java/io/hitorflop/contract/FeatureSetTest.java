package io.hitorflop.contract;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureSetTest {

    static Map<String, Double> validSpotifyVector() {
        Map<String, Double> v = new HashMap<>();
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

    @Test
    void aCompleteVectorInRangeIsValid() {
        assertThat(FeatureSet.SPOTIFY.validate(validSpotifyVector())).isEmpty();
    }

    @Test
    void eachViolationNamesItsFeature() {
        Map<String, Double> v = validSpotifyVector();
        v.remove("energy");
        v.put("danceability", 1.5);
        v.put("key", 2.5);
        v.put("tempo", Double.NaN);
        v.put("popularity", 80.0);

        assertThat(FeatureSet.SPOTIFY.validate(v))
                .extracting(FeatureViolation::feature)
                .containsExactly("danceability", "energy", "key", "tempo", "popularity");
        assertThat(FeatureSet.SPOTIFY.validate(v).get(0).problem()).contains("between 0 and 1").contains("1.5");
    }

    @Test
    void vectorFollowsTheSetOrder() {
        float[] vector = FeatureSet.SPOTIFY.toVector(validSpotifyVector());
        assertThat(vector).hasSize(13);
        assertThat(vector[0]).isEqualTo(0.7f);
        assertThat(vector[11]).isEqualTo(210_000f);
        assertThat(FeatureSet.AUDIO.names()).containsExactly("tempo", "loudness", "key", "mode", "duration_ms");
    }

    @Test
    void audioSetIsASubsetOfSpotifyWithTheSameDefinitions() {
        FeatureSet.AUDIO.features().forEach(spec ->
                assertThat(FeatureSet.SPOTIFY.features()).contains(spec));
    }

    @Test
    void statesOnlyMoveForward() {
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.AUDIO_READY)).isTrue();
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.FEATURES_READY)).isTrue();
        assertThat(JobStatus.FEATURES_READY.canMoveTo(JobStatus.AUDIO_READY)).isFalse();
        assertThat(JobStatus.AUDIO_READY.canMoveTo(JobStatus.AUDIO_READY)).isFalse();
        assertThat(JobStatus.AUDIO_READY.canMoveTo(JobStatus.FAILED)).isTrue();
        assertThat(JobStatus.DONE.canMoveTo(JobStatus.FAILED)).isFalse();
        assertThat(JobStatus.FAILED.canMoveTo(JobStatus.DONE)).isFalse();
    }
}

package io.hitorflop.contract;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import io.hitorflop.contract.features.SampleVectors;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureSetTest {

    @Test
    void aCompleteVectorInRangeIsValid() {
        assertThat(FeatureSet.SPOTIFY.validate(SampleVectors.validSpotify())).isEmpty();
    }

    @Test
    void eachViolationNamesItsFeature() {
        Map<String, Double> v = SampleVectors.validSpotify();
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
        float[] vector = FeatureSet.SPOTIFY.toVector(SampleVectors.validSpotify());
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

package io.hitorflop.training.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTest {

    /** 600 tracks by 60 artists; every fifth track id repeats under another artist, chaining artists together. */
    private static List<Track> tracks() {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String id = i % 5 == 0 && i > 0 ? "t" + (i - 1) : "t" + i;
            tracks.add(new Track(id, "artist " + (i % 60), Map.of("x", (float) i), i % 3 == 0 ? 1 : 0));
        }
        return tracks;
    }

    @Test
    void groupedSplitKeepsEveryArtistAndTrackOnOneSide() {
        List<Track> tracks = tracks();
        Split split = Split.grouped(TrackGroups.of(tracks), 0.2, 7);
        Set<String> trainArtists = new HashSet<>();
        Set<String> trainIds = new HashSet<>();
        Arrays.stream(split.train()).mapToObj(tracks::get).forEach(t -> {
            trainArtists.add(t.primaryArtist());
            trainIds.add(t.trackId());
        });
        Arrays.stream(split.test()).mapToObj(tracks::get).forEach(t -> {
            assertThat(trainArtists).doesNotContain(t.primaryArtist());
            assertThat(trainIds).doesNotContain(t.trackId());
        });
        assertThat(split.train().length + split.test().length).isEqualTo(tracks.size());
        assertThat(split.test()).isNotEmpty();
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        TrackGroups groups = TrackGroups.of(tracks());
        assertThat(Split.grouped(groups, 0.2, 7).test()).containsExactly(Split.grouped(groups, 0.2, 7).test());
        assertThat(Split.grouped(groups, 0.2, 7).test()).isNotEqualTo(Split.grouped(groups, 0.2, 8).test());
    }

    @Test
    void groupedFoldsNeverSplitAComponentAndAreBalanced() {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            tracks.add(new Track("t" + i, "artist " + (i % 90), Map.of(), 0));
        }
        TrackGroups groups = TrackGroups.of(tracks);
        int[] fold = Split.groupedFolds(groups, 3, 1);
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = 0; j < tracks.size(); j++) {
                if (groups.componentOf(i) == groups.componentOf(j)) {
                    assertThat(fold[i]).isEqualTo(fold[j]);
                }
            }
        }
        for (int f = 0; f < 3; f++) {
            int ff = f;
            assertThat(IntStream.of(fold).filter(x -> x == ff).count()).isEqualTo(300);
        }
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        int[] labels = IntStream.range(0, 1000).map(i -> i < 300 ? 1 : 0).toArray();
        Split split = Split.stratified(labels, 0.2, 3);
        assertThat(Arrays.stream(split.test()).filter(i -> labels[i] == 1).count()).isEqualTo(60);
        assertThat(split.test()).hasSize(200);
    }

    @Test
    void undersamplingBalancesTheClasses() {
        int[] labels = IntStream.range(0, 1000).map(i -> i < 300 ? 1 : 0).toArray();
        int[] kept = Split.undersampled(labels, 3);
        assertThat(kept).hasSize(600);
        assertThat(Arrays.stream(kept).filter(i -> labels[i] == 1).count()).isEqualTo(300);
        assertThat(kept).isSorted().doesNotHaveDuplicates();
    }
}

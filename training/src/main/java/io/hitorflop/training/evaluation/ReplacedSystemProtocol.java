package io.hitorflop.training.evaluation;

import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.Split;
import io.hitorflop.training.data.SpotifySongsData;
import io.hitorflop.training.data.Track;
import io.hitorflop.training.data.TrackGroups;
import io.hitorflop.training.learners.Learner;
import io.hitorflop.training.learners.Learners;
import io.hitorflop.training.learners.Scores;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replaced system's protocol on spotify_songs (HIT = popularity &gt;= 15, 1:1 undersampling,
 * 80/20 split, its fixed hyper-parameters), run twice: as it did it (all rows, so a track listed
 * in several playlists can sit in train and test; stratified split), and honestly (one row per
 * track, split grouped by artist and track).
 */
public final class ReplacedSystemProtocol {

    /** Hard-vote accuracy the replaced system reported for itself. */
    public static final double REPORTED_ACCURACY = 0.779;
    /** Accuracy the replaced system's README claimed. */
    public static final double README_CLAIMED_ACCURACY = 0.845;
    /** Size of the replaced system's data set (not available), in thousands of tracks. */
    public static final int ORIGINAL_THOUSANDS_OF_TRACKS = 114;
    /** Its 80/20 split. */
    public static final double TEST_FRACTION = 0.2;

    /** The old system's settings, mapped onto this module's learners. */
    public static final Map<String, Map<String, Object>> HYPERPARAMETERS = Map.of(
            "random_forest", Map.of("trees", 100, "maxDepth", 12, "featureFraction", 0.334, "rowSubsample", 0.632),
            "xgboost", Map.of("rounds", 100, "maxDepth", 6, "eta", 0.3),
            "ada_boost", Map.of("members", 100, "maxDepth", 1),
            "knn", Map.of("k", 5),
            "decision_tree", Map.of("maxDepth", 10, "minChildWeight", 1));

    public record Result(String protocol, int rows, int trainRows, int testRows, double testRowsWhoseTrackIsInTrain,
                         double testRowsWhoseArtistIsInTrain, Evaluation evaluation) {
    }

    public static List<Result> run(Path dataDir, long seed) {
        List<Track> allRows = SpotifySongsData.loadAllRows(dataDir);
        List<Result> results = new ArrayList<>();
        results.add(evaluate("old protocol as run (all rows, stratified split)", allRows, false, seed));
        results.add(evaluate("old protocol, one row per track, grouped split", SpotifySongsData.distinctTracks(allRows), true, seed));
        return results;
    }

    private static Result evaluate(String protocol, List<Track> tracks, boolean grouped, long seed) {
        int[] labels = tracks.stream().mapToInt(Track::hit).toArray();
        List<Track> balanced = Arrays.stream(Split.undersampled(labels, seed)).mapToObj(tracks::get).toList();
        Split split = grouped
                ? Split.grouped(TrackGroups.of(balanced), TEST_FRACTION, seed)
                : Split.stratified(balanced.stream().mapToInt(Track::hit).toArray(), TEST_FRACTION, seed);
        List<Track> train = Arrays.stream(split.train()).mapToObj(balanced::get).toList();
        List<Track> test = Arrays.stream(split.test()).mapToObj(balanced::get).toList();
        FeatureMatrix trainMatrix = FeatureMatrix.of(train, SpotifySongsData.FEATURES);
        FeatureMatrix testMatrix = FeatureMatrix.of(test, SpotifySongsData.FEATURES);

        Map<String, Scores> members = new LinkedHashMap<>();
        for (Learner learner : Learners.all()) {
            members.put(learner.name(),
                    learner.fit(trainMatrix, HYPERPARAMETERS.get(learner.name()), seed).score(testMatrix.rows()));
        }

        Set<String> trainIds = new HashSet<>();
        Set<String> trainArtists = new HashSet<>();
        train.forEach(t -> {
            trainIds.add(t.trackId());
            trainArtists.add(t.primaryArtist());
        });
        double sameTrack = test.stream().filter(t -> trainIds.contains(t.trackId())).count() / (double) test.size();
        double sameArtist = test.stream().filter(t -> trainArtists.contains(t.primaryArtist())).count() / (double) test.size();
        return new Result(protocol, tracks.size(), train.size(), test.size(), sameTrack, sameArtist,
                Evaluation.ofEnsemble(members, EnsembleVote.MAJORITY_OF_ALL_MODELS, testMatrix.labels(), TrackGroups.of(test),
                        seed));
    }

    private ReplacedSystemProtocol() {
    }
}

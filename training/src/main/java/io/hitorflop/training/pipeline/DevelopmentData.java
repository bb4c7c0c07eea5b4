package io.hitorflop.training.pipeline;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.data.Split;
import io.hitorflop.training.data.Track;
import io.hitorflop.training.data.TrackGroups;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The development file, deduplicated, with the grouped 80/20 split and the grouped folds on the
 * training part: everything the pipeline and the parity tests must see identically.
 */
public record DevelopmentData(HitPredictorData.Loaded loaded, List<Track> train, List<Track> test,
                              TrackGroups trainGroups, TrackGroups testGroups, int[] foldOfTrainRow) {

    public static final long SEED = 42;
    public static final double TEST_FRACTION = 0.2;
    public static final int FOLDS = 3;

    public static DevelopmentData load(Path dataDir) {
        HitPredictorData.Loaded loaded = HitPredictorData.load(dataDir);
        List<Track> tracks = loaded.tracks();
        Split split = Split.grouped(TrackGroups.of(tracks), TEST_FRACTION, SEED);
        List<Track> train = Arrays.stream(split.train()).mapToObj(tracks::get).toList();
        List<Track> test = Arrays.stream(split.test()).mapToObj(tracks::get).toList();
        TrackGroups trainGroups = TrackGroups.of(train);
        return new DevelopmentData(loaded, train, test, trainGroups, TrackGroups.of(test),
                Split.groupedFolds(trainGroups, FOLDS, SEED));
    }

    public FeatureMatrix trainMatrix(FeatureSet set) {
        return FeatureMatrix.of(train, set.names());
    }

    public FeatureMatrix testMatrix(FeatureSet set) {
        return FeatureMatrix.of(test, set.names());
    }
}

package io.hitorflop.training.pipeline;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.data.MeasurementErrors;
import io.hitorflop.training.data.MeasurementNoise;
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
    /** Perturbed copies of each training row the {@code audio} models also learn from (see {@link MeasurementNoise}). */
    public static final int NOISY_COPIES = 1;

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

    /**
     * The rows the set's models are fitted on: the training part, and for the measured {@code audio}
     * set also {@value #NOISY_COPIES} copy of each row with the feature engine's measurement errors
     * replayed, so that the models learn what our measurements of a song look like.
     */
    public FeatureMatrix fittingMatrix(FeatureSet set) {
        FeatureMatrix clean = trainMatrix(set);
        return set == FeatureSet.AUDIO
                ? new MeasurementNoise(MeasurementErrors.measured()).augment(clean, NOISY_COPIES, SEED)
                : clean;
    }

    /** The grouped fold of each row of {@link #fittingMatrix}: a perturbed copy stays in its original's fold. */
    public int[] foldOfFittingRow(FeatureSet set) {
        int copies = set == FeatureSet.AUDIO ? NOISY_COPIES : 0;
        int[] folds = new int[foldOfTrainRow.length * (copies + 1)];
        for (int i = 0; i < folds.length; i++) {
            folds[i] = foldOfTrainRow[i % foldOfTrainRow.length];
        }
        return folds;
    }

    public FeatureMatrix testMatrix(FeatureSet set) {
        return FeatureMatrix.of(test, set.names());
    }
}

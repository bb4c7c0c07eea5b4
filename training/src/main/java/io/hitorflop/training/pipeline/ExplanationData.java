package io.hitorflop.training.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.data.Track;
import io.hitorflop.training.learners.StandardScaler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The two data files shipped beside a set's models for its verdicts: the background set the
 * Shapley explanations are computed against, and the reference tracks (the KNN model's training
 * rows, z-scored exactly as its graph does, with title, artist, decade and label) that the closest
 * songs are drawn from and the inference service's KNN scores with.
 */
public final class ExplanationData {

    public static final String BACKGROUND_FILE = "background.json";
    public static final String REFERENCE_TRACKS_FILE = "reference-tracks.json.gz";
    /** Background rows drawn per label; the training part is balanced, so this is a stratified sample. */
    public static final int BACKGROUND_ROWS_PER_LABEL = 16;

    static final String BACKGROUND_DESCRIPTION = "stratified random sample of the training part: "
            + BACKGROUND_ROWS_PER_LABEL + " HIT and " + BACKGROUND_ROWS_PER_LABEL + " FLOP rows, java.util.Random(seed)";
    static final String REFERENCE_DESCRIPTION = "the KNN model's training rows (training part of hit_predictor_dev.csv.gz; "
            + "for the audio set also their copies with our measurement errors replayed, marked copy) "
            + "z-scored in float32 as its graph does, with title, first credited artist, decade and label; "
            + "The Spotify Hit Predictor Dataset (1960-2019) by Farooq Ansari, GPL-3.0, features are Spotify Web API "
            + "content (Spotify Developer Terms): research and education use";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file to write beside the card, and its entry in the card. */
    public record File(byte[] bytes, ModelCard.Artifact artifact) {
    }

    public static File background(FeatureSet set, FeatureMatrix train, long seed) {
        Random random = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        for (int label = 1; label >= 0; label--) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (train.labels()[i] == label) {
                    candidates.add(i);
                }
            }
            for (int drawn = 0; drawn < BACKGROUND_ROWS_PER_LABEL; drawn++) {
                rows.add(train.rows()[candidates.remove(random.nextInt(candidates.size()))]);
            }
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("features", set.names());
        content.put("rows", rows);
        byte[] bytes = json(content);
        return new File(bytes, new ModelCard.Artifact(BACKGROUND_FILE, Fingerprints.sha256(bytes), rows.size(),
                BACKGROUND_DESCRIPTION + " = " + seed));
    }

    /**
     * @param fitting the rows the KNN model was fitted on: the training tracks in order, then any
     *                perturbed copies of them in the same order ({@link DevelopmentData#fittingMatrix});
     *                a copy is a KNN neighbour but never shown as a closest song
     */
    public static File referenceTracks(FeatureSet set, List<Track> trainTracks, FeatureMatrix fitting,
                                       Map<String, HitPredictorData.Listing> listings) {
        StandardScaler scaler = StandardScaler.fit(fitting.rows());
        float[][] scaled = scaler.transform(fitting.rows());
        List<Map<String, Object>> tracks = new ArrayList<>(scaled.length);
        for (int i = 0; i < scaled.length; i++) {
            HitPredictorData.Listing listing = listings.get(trainTracks.get(i % trainTracks.size()).trackId());
            Map<String, Object> track = new LinkedHashMap<>();
            track.put("title", listing.title());
            track.put("artist", listing.artist());
            track.put("decade", listing.decade());
            track.put("hit", fitting.labels()[i] == 1);
            track.put("copy", i >= trainTracks.size());
            track.put("scaled", scaled[i]);
            tracks.add(track);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("features", set.names());
        content.put("mean", scaler.mean());
        content.put("std", scaler.std());
        content.put("tracks", tracks);
        byte[] bytes = gzip(json(content));
        return new File(bytes, new ModelCard.Artifact(REFERENCE_TRACKS_FILE, Fingerprints.sha256(bytes), tracks.size(),
                REFERENCE_DESCRIPTION));
    }

    private static byte[] json(Object content) {
        try {
            return JSON.writeValueAsBytes(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java writes no timestamp into the gzip header, so the same content gives the same bytes. */
    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ExplanationData() {
    }
}

package io.hitorflop.inference.neighbours;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.ClosestSong;
import io.hitorflop.contract.events.Verdict;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The training tracks the KNN model votes with ({@code reference-tracks.json.gz}, written by
 * training beside the models): each track's z-scored feature row, label and listing, and the
 * scaler's float32 mean and standard deviation. A song is placed in that space exactly as the KNN
 * graph does it: {@code (x - mean) / std} in float32, then widened to double.
 */
public final class ReferenceTracks {

    private final float[] mean;
    private final float[] std;
    private final List<Track> tracks;
    private final boolean[] hit;
    private final NearestNeighbourScan scan;
    /** The tracks that are songs, not perturbed copies (training's noise augmentation): the closest songs come from these. */
    private final int[] songs;
    private final NearestNeighbourScan songScan;

    /** The file's form. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<String> features, float[] mean, float[] std, List<Track> tracks) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Track(String title, String artist, String decade, boolean hit, boolean copy, float[] scaled) {
    }

    private ReferenceTracks(File file) {
        this.mean = file.mean();
        this.std = file.std();
        this.tracks = List.copyOf(file.tracks());
        double[][] points = new double[tracks.size()][];
        hit = new boolean[tracks.size()];
        for (int i = 0; i < points.length; i++) {
            float[] scaled = tracks.get(i).scaled();
            points[i] = new double[scaled.length];
            for (int j = 0; j < scaled.length; j++) {
                points[i][j] = scaled[j];
            }
            hit[i] = tracks.get(i).hit();
        }
        scan = new NearestNeighbourScan(points);
        songs = IntStream.range(0, points.length).filter(i -> !tracks.get(i).copy()).toArray();
        songScan = songs.length == points.length ? scan
                : new NearestNeighbourScan(Arrays.stream(songs).mapToObj(i -> points[i]).toArray(double[][]::new));
    }

    /** Reads the gzip-compressed JSON file and checks it describes {@code features}. */
    public static ReferenceTracks read(byte[] gzipJson, ObjectMapper json, List<String> features) throws IOException {
        File file;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipJson))) {
            file = json.readValue(in, File.class);
        }
        if (!features.equals(file.features())) {
            throw new IOException("the reference tracks are for features " + file.features() + ", not " + features);
        }
        if (file.tracks().isEmpty() || file.tracks().stream().anyMatch(track -> track.scaled().length != features.size())
                || file.mean().length != features.size() || file.std().length != features.size()) {
            throw new IOException("the reference tracks' rows do not have " + features.size() + " values");
        }
        return new ReferenceTracks(file);
    }

    public int size() {
        return tracks.size();
    }

    public boolean isHit(int track) {
        return hit[track];
    }

    /**
     * For each row, the indices of the {@code k} tracks nearest to it, nearest first (ties: lower
     * index first). Scanned fastest when rows that share most values are adjacent, as an
     * explanation's rows are ({@link NearestNeighbourScan}).
     */
    public int[][] nearest(float[][] rows, int k) {
        return scan.nearest(Arrays.stream(rows).map(this::scaled).toArray(double[][]::new), k);
    }

    /**
     * The {@code n} songs nearest to a song, nearest first, as a verdict shows them: one entry per
     * artist and title (case-insensitive), at its nearest copy. The training file lists about 2 % of
     * its songs more than once (reissues, compilations), and the same song twice in a list of ten
     * tells the user nothing new.
     */
    public List<ClosestSong> closest(float[] song, int n) {
        double[] query = scaled(song);
        int k = Math.min(n, songs.length);
        while (true) {
            double[] squared = new double[k];
            int[] nearest = songScan.nearest(query, k, squared);
            List<ClosestSong> closest = new ArrayList<>(n);
            Set<String> listed = new HashSet<>();
            for (int rank = 0; rank < nearest.length && closest.size() < n; rank++) {
                Track track = tracks.get(songs[nearest[rank]]);
                if (listed.add(listing(track))) {
                    closest.add(new ClosestSong(track.title(), track.artist(), track.decade(),
                            track.hit() ? Verdict.Label.HIT : Verdict.Label.FLOP, Math.sqrt(squared[rank])));
                }
            }
            if (closest.size() == n || k == songs.length) {
                return closest;
            }
            k = Math.min(songs.length, 2 * k);
        }
    }

    private static String listing(Track track) {
        return (track.artist() + "\u0000" + track.title()).toLowerCase(Locale.ROOT);
    }

    private double[] scaled(float[] song) {
        double[] query = new double[song.length];
        for (int j = 0; j < song.length; j++) {
            float centred = song[j] - mean[j];
            query[j] = centred / std[j];
        }
        return query;
    }
}

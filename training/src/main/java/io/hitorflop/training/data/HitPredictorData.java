package io.hitorflop.training.data;

import io.hitorflop.contract.features.FeatureSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spotify Hit Predictor development file (Billboard Hot-100 hit vs non-hit, 1960-2019).
 * A uri listed in two decades is kept once; it counts as a HIT when any of its rows is one,
 * because charting in one decade is what the label means.
 */
public final class HitPredictorData {

    public static final String FILE = "hit_predictor_dev.csv.gz";

    /**
     * @param listings per track id, its title, credited artist and decade: what a person recognises
     *                 the track by (the decade is the one of a HIT row when the rows disagree)
     */
    public record Loaded(List<Track> tracks, int rows, int duplicateRows, int conflictingLabels,
                         Map<String, Listing> listings) {
    }

    /** How a track is shown to a person: its title, first credited artist and decade. */
    public record Listing(String title, String artist, String decade) {
    }

    public static Loaded load(Path dataDir) {
        List<Map<String, String>> rows = CsvRows.read(dataDir.resolve(FILE));
        Map<String, Track> byId = new LinkedHashMap<>();
        Map<String, Listing> listings = new LinkedHashMap<>();
        int duplicates = 0;
        int conflicts = 0;
        for (Map<String, String> row : rows) {
            String uri = row.get("uri");
            String id = uri.substring(uri.lastIndexOf(':') + 1);
            int hit = (int) CsvRows.number(row, "target");
            Track previous = byId.get(id);
            if (previous != null) {
                duplicates++;
                if (previous.hit() != hit) {
                    conflicts++;
                    byId.put(id, new Track(id, previous.primaryArtist(), previous.features(), 1));
                    if (hit == 1) {
                        listings.put(id, listing(row));
                    }
                }
                continue;
            }
            Map<String, Float> features = new LinkedHashMap<>();
            for (String name : FeatureSet.SPOTIFY.names()) {
                features.put(name, CsvRows.number(row, name));
            }
            byId.put(id, new Track(id, PrimaryArtist.of(row.get("artist")), features, hit));
            listings.put(id, listing(row));
        }
        return new Loaded(new ArrayList<>(byId.values()), rows.size(), duplicates, conflicts, listings);
    }

    private static Listing listing(Map<String, String> row) {
        return new Listing(row.get("track"), PrimaryArtist.credited(row.get("artist")), row.get("decade"));
    }

    private HitPredictorData() {
    }
}

package io.hitorflop.training.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TidyTuesday "Spotify Songs", labelled the way the replaced system did: HIT when
 * track_popularity &gt;= 15. It has no time_signature column, so the old protocol uses the other
 * twelve Spotify features.
 */
public final class SpotifySongsData {

    public static final String FILE = "spotify_songs.csv.gz";
    public static final int POPULARITY_HIT_THRESHOLD = 15;
    public static final List<String> FEATURES = List.of("danceability", "energy", "key", "loudness", "mode",
            "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo", "duration_ms");

    /** Every row as published: a track listed in several playlists appears several times. */
    public static List<Track> loadAllRows(Path dataDir) {
        List<Track> tracks = new ArrayList<>();
        for (Map<String, String> row : CsvRows.read(dataDir.resolve(FILE))) {
            Map<String, Float> features = new LinkedHashMap<>();
            for (String name : FEATURES) {
                features.put(name, CsvRows.number(row, name));
            }
            int hit = CsvRows.number(row, "track_popularity") >= POPULARITY_HIT_THRESHOLD ? 1 : 0;
            tracks.add(new Track(row.get("track_id"), PrimaryArtist.of(row.get("track_artist")), features, hit));
        }
        return tracks;
    }

    /** One row per track id (all rows of an id carry identical features and popularity). */
    public static List<Track> distinctTracks(List<Track> rows) {
        Map<String, Track> byId = new LinkedHashMap<>();
        rows.forEach(track -> byId.putIfAbsent(track.trackId(), track));
        return new ArrayList<>(byId.values());
    }

    private SpotifySongsData() {
    }
}

package io.hitorflop.training.data;

import java.util.Map;

/**
 * One labelled track of a training file.
 *
 * @param trackId       Spotify track id (the uri's last part), the duplicate key
 * @param primaryArtist normalised primary artist, see {@link PrimaryArtist}
 * @param features      Spotify feature name to value, already rounded to float32 as the models see it
 * @param hit           1 = HIT, 0 = FLOP
 */
public record Track(String trackId, String primaryArtist, Map<String, Float> features, int hit) {
}

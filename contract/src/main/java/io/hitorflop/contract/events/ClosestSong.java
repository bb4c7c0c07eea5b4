package io.hitorflop.contract.events;

/**
 * One of the training tracks closest to a song: the rows the KNN model votes with, in its scaled
 * (z-scored) feature space. The titles and artists come from the Spotify Hit Predictor dataset
 * (GPL-3.0; its features are Spotify Web API content), shipped beside the models.
 *
 * @param title    the track's title
 * @param artist   the first credited artist
 * @param decade   the decade whose Billboard Hot-100 the label refers to (60s .. 10s)
 * @param label    HIT when it charted in that decade, FLOP otherwise
 * @param distance Euclidean distance to the song in the scaled feature space
 */
public record ClosestSong(String title, String artist, String decade, Verdict.Label label, double distance) {
}

package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.ProbedAudio;

/**
 * Audio that passed the checks and sits in the audio store under {@code ref}, whose extension names
 * the stored format ({@code .flac} for a transcode).
 *
 * @param keptAsUploaded its audio stream was copied as uploaded (a {@link KeptFormat}), not transcoded to FLAC
 */
public record StoredAudio(String ref, ProbedAudio probed, boolean keptAsUploaded) {
}

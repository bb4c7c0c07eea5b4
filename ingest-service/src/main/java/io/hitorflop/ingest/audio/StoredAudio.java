package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.ProbedAudio;

/** Audio that passed the checks and sits in the audio store under {@code ref}. */
public record StoredAudio(String ref, ProbedAudio probed) {
}

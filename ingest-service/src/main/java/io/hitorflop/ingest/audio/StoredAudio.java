package io.hitorflop.ingest.audio;

/** Audio that passed the checks and sits in the audio store under {@code ref}. */
public record StoredAudio(String ref, ProbedAudio probed) {
}

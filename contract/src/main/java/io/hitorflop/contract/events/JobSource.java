package io.hitorflop.contract.events;

/** How the song reached us. */
public enum JobSource {
    AUDIO_UPLOAD,
    AUDIO_URL,
    FEATURE_VECTOR
}

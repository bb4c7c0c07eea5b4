package io.hitorflop.ingest.audio;

import java.time.Duration;

/** What ffprobe found in an upload: its first audio stream and the container's duration. */
public record ProbedAudio(String container, String codec, int channels, int sampleRate, Duration duration) {
}

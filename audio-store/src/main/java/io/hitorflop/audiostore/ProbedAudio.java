package io.hitorflop.audiostore;

import java.time.Duration;

/**
 * What ffprobe says about a file's first audio stream: ingest checks an upload with it before
 * storing it, the feature service again before decoding what it takes from the store.
 *
 * @param container     ffprobe's format name ("wav", "mov,mp4,m4a,3gp,3g2,mj2", ...)
 * @param channelLayout ffmpeg's layout name ("stereo", "5.1(side)", ...) or empty when unknown
 * @param duration      container or stream duration; an estimate for some formats (e.g. VBR MP3
 *                      without a header), the decoded sample count is the authoritative length
 */
public record ProbedAudio(String container, String codec, int channels, int sampleRate, String channelLayout,
                          Duration duration) {

    public double durationSeconds() {
        return duration.toNanos() / 1e9;
    }
}

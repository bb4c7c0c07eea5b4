package io.hitorflop.feature.engine.decode;

/**
 * What ffprobe says about the first audio stream of a file.
 *
 * @param durationSeconds container or stream duration; an estimate for some formats (e.g. VBR MP3
 *                        without a header), the decoded sample count is the authoritative length
 * @param channelLayout   ffmpeg's layout name ("stereo", "5.1(side)", ...) or empty when unknown
 */
public record ProbedAudio(String codec, int sampleRate, int channels, String channelLayout, double durationSeconds) {
}

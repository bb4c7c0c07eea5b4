package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.ProbedAudio;

/**
 * What ffprobe says about an upload: its first audio stream, and whether that stream is all the
 * file holds besides cover art (which decides whether the audio can be kept as it is).
 *
 * @param audio               the first audio stream and the container
 * @param onlyOneAudioStream  exactly one audio stream, and every other stream is an attached picture
 */
record ProbedUpload(ProbedAudio audio, boolean onlyOneAudioStream) {
}

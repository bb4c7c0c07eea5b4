package io.hitorflop.ingest.audio;

import java.util.Arrays;
import java.util.Optional;

/**
 * The allow list of uploads stored as they came instead of transcoded to FLAC: a container and
 * codec the feature engine's ffmpeg decodes directly, so a FLAC re-encode would only cost CPU (0.2
 * to 0.5 s per 3-minute song, ingest-service/README.md). Such an upload's audio stream is copied
 * packet for packet into a fresh file of the same container ({@code -c:a copy}): the decoded
 * samples are bit-identical to the upload's, while tags, cover art and any other stream are
 * dropped as the transcode drops them.
 * <p>
 * AAC in MP4/M4A is on the list: it is what Apple's stores sell and what yt-dlp's {@code bestaudio}
 * usually names, ffmpeg decodes it natively, and the MP4 muxer rewrites the edit list that trims the
 * encoder's priming samples, so the copy decodes to the same samples (checked in
 * {@code FfmpegAudioWriterTest}). Its metadata can name the buyer (the iTunes {@code apID} and
 * {@code ownr} atoms), which is one more reason to copy the stream rather than keep the file.
 * Opus and Vorbis in WebM are what YouTube's {@code bestaudio} formats are. WAV/AIFF (PCM is larger
 * than its FLAC), video containers and everything else are transcoded.
 *
 * @param container ffprobe's format name
 * @param codec     ffprobe's codec name
 * @param muxer     ffmpeg's muxer for the copy
 * @param extension the stored file's extension, which names its format in the audio store's reference
 */
enum KeptFormat {
    FLAC("flac", "flac", "flac", "flac"),
    FLAC_IN_OGG("ogg", "flac", "oga", "oga"),
    MP3("mp3", "mp3", "mp3", "mp3"),
    VORBIS("ogg", "vorbis", "ogg", "ogg"),
    OPUS("ogg", "opus", "opus", "opus"),
    OPUS_IN_WEBM("matroska,webm", "opus", "webm", "webm"),
    VORBIS_IN_WEBM("matroska,webm", "vorbis", "webm", "webm"),
    AAC_IN_MP4("mov,mp4,m4a,3gp,3g2,mj2", "aac", "ipod", "m4a");

    private final String container;
    private final String codec;
    private final String muxer;
    private final String extension;

    KeptFormat(String container, String codec, String muxer, String extension) {
        this.container = container;
        this.codec = codec;
        this.muxer = muxer;
        this.extension = extension;
    }

    /** The format the upload is kept in, or empty when it is to be transcoded to FLAC. */
    static Optional<KeptFormat> of(ProbedUpload upload) {
        if (!upload.onlyOneAudioStream()) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(format -> format.container.equals(upload.audio().container())
                        && format.codec.equals(upload.audio().codec()))
                .findFirst();
    }

    String muxer() {
        return muxer;
    }

    String extension() {
        return extension;
    }
}

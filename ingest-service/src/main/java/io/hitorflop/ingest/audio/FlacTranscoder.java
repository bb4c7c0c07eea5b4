package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import net.bramp.ffmpeg.FFmpeg;
import net.bramp.ffmpeg.builder.FFmpegBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Transcodes the first audio stream of an upload to FLAC (lossless), keeping its channels and
 * sample rate so loudness (ITU-R BS.1770) is later measured on the original channels. Tags,
 * cover art and other streams are dropped.
 */
final class FlacTranscoder {

    private final String ffmpegPath;

    FlacTranscoder(String ffmpegPath) {
        this.ffmpegPath = ffmpegPath;
    }

    void transcode(Path input, Path flac, DeadlineProcessFunction processes) throws AudioRejectedException, IOException {
        FFmpegBuilder command = new FFmpegBuilder()
                .setVerbosity(FFmpegBuilder.Verbosity.ERROR)
                .addExtraArgs("-nostdin")
                .overrideOutputFiles(true)
                .addInput(input.toString())
                .done()
                .addOutput(flac.toString())
                .setFormat("flac")
                .setAudioCodec("flac")
                .disableVideo()
                .disableSubtitle()
                .addExtraArgs("-map", "0:a:0", "-map_metadata", "-1")
                .done();
        StringBuilder errors = new StringBuilder();
        try {
            FFmpeg ffmpeg = new FFmpeg(ffmpegPath, processes);
            ffmpeg.setProcessOutputStream(errors);
            ffmpeg.run(command);
        } catch (IOException failed) {
            if (processes.expired()) {
                throw processes.timedOut();
            }
            String reason = errors.toString().strip();
            if (reason.isEmpty()) {
                throw failed;
            }
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffmpeg: " + lastLine(reason));
        }
    }

    private static String lastLine(String text) {
        return text.substring(text.lastIndexOf('\n') + 1);
    }
}

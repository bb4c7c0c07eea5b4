package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import net.bramp.ffmpeg.FFmpeg;
import net.bramp.ffmpeg.ProcessFunction;
import net.bramp.ffmpeg.builder.FFmpegBuilder;
import net.bramp.ffmpeg.builder.FFmpegOutputBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the file that goes into the audio store from the first audio stream of an upload, with
 * ffmpeg: transcoded to FLAC (lossless), or its packets copied unchanged into a fresh file of a
 * {@link KeptFormat}. Either way the channels and sample rate are the upload's, so loudness (ITU-R
 * BS.1770) is later measured on the original channels, and tags, cover art and other streams are
 * dropped: the store holds the audio the analysis needs and nothing that may identify a person.
 */
final class FfmpegAudioWriter {

    private final String ffmpegPath;

    FfmpegAudioWriter(String ffmpegPath) {
        this.ffmpegPath = ffmpegPath;
    }

    void transcodeToFlac(Path input, Path flac, DeadlineProcessFunction processes) throws AudioRejectedException, IOException {
        run(firstAudioStreamOf(input, flac).setFormat("flac").setAudioCodec("flac").done(), processes);
    }

    void copyAudio(Path input, Path output, KeptFormat format, DeadlineProcessFunction processes)
            throws AudioRejectedException, IOException {
        run(firstAudioStreamOf(input, output).setFormat(format.muxer()).setAudioCodec("copy").done(), processes);
    }

    private static FFmpegOutputBuilder firstAudioStreamOf(Path input, Path output) {
        return new FFmpegBuilder()
                .setVerbosity(FFmpegBuilder.Verbosity.ERROR)
                .addExtraArgs("-nostdin")
                .overrideOutputFiles(true)
                .addInput(input.toString())
                .done()
                .addOutput(output.toString())
                .disableVideo()
                .disableSubtitle()
                .addExtraArgs("-map", "0:a:0", "-map_metadata", "-1");
    }

    private void run(FFmpegBuilder command, DeadlineProcessFunction processes) throws AudioRejectedException, IOException {
        StringBuilder errors = new StringBuilder();
        try {
            FFmpeg ffmpeg = new UnidentifiedFFmpeg(ffmpegPath, processes);
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

    /**
     * The wrapper's ffmpeg without its identity check: the wrapper runs {@code ffmpeg -version}, a
     * process of its own (0.05 s of CPU), for every new instance, and ingest makes one per upload to
     * give it the upload's deadline. A wrong path still fails: the run itself cannot start.
     */
    private static final class UnidentifiedFFmpeg extends FFmpeg {

        UnidentifiedFFmpeg(String path, ProcessFunction processes) throws IOException {
            super(path, processes);
        }

        @Override
        public String version() {
            return "ffmpeg (not asked)";
        }
    }
}

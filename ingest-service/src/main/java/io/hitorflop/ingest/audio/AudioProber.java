package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import net.bramp.ffmpeg.FFmpegException;
import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.ProcessFunction;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads an upload's container and streams with ffprobe and turns ffprobe's refusal into a typed
 * rejection that carries ffprobe's own reason.
 */
final class AudioProber {

    private final String ffprobePath;

    AudioProber(String ffprobePath) {
        this.ffprobePath = ffprobePath;
    }

    ProbedUpload probe(Path file, DeadlineProcessFunction processes) throws AudioRejectedException, IOException {
        FFmpegProbeResult result;
        try {
            result = new UnidentifiedFFprobe(ffprobePath, processes).probe(file.toString());
        } catch (FFmpegException refused) {
            String reason = refused.getError() != null ? refused.getError().getString() : refused.getMessage();
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffprobe: " + reason);
        } catch (IOException | RuntimeException failed) {
            if (processes.expired()) {
                throw processes.timedOut();
            }
            throw failed;
        }
        List<FFmpegStream> streams = result.getStreams() == null ? List.of() : result.getStreams();
        List<FFmpegStream> audioStreams = streams.stream().filter(stream -> stream.codec_type == CodecType.AUDIO).toList();
        if (audioStreams.isEmpty()) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffprobe: the file has no audio stream");
        }
        FFmpegStream audio = audioStreams.get(0);
        double seconds = result.getFormat().getDuration() > 0 ? result.getFormat().getDuration() : audio.duration;
        ProbedAudio probed = new ProbedAudio(result.getFormat().getFormatName(), audio.codec_name, audio.channels,
                audio.sample_rate, audio.channel_layout == null ? "" : audio.channel_layout,
                Duration.ofNanos(Math.round(Math.max(seconds, 0) * 1e9)));
        boolean onlyCoverArtBesides = streams.stream()
                .allMatch(stream -> stream.codec_type == CodecType.AUDIO || isAttachedPicture(stream));
        return new ProbedUpload(probed, audioStreams.size() == 1 && onlyCoverArtBesides);
    }

    private static boolean isAttachedPicture(FFmpegStream stream) {
        return stream.codec_type == CodecType.VIDEO && stream.disposition != null && stream.disposition.attached_pic;
    }

    /**
     * The wrapper's ffprobe without its identity check: the wrapper runs {@code ffprobe -version}, a
     * process of its own (0.05 s of CPU), for every new instance, and ingest makes one per upload to
     * give it the upload's deadline. A wrong path still fails: the probe itself cannot start.
     */
    private static final class UnidentifiedFFprobe extends FFprobe {

        UnidentifiedFFprobe(String path, ProcessFunction processes) {
            super(path, processes);
        }

        @Override
        public String version() {
            return "ffprobe (not asked)";
        }
    }
}

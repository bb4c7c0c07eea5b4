package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import net.bramp.ffmpeg.FFmpegException;
import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads an upload's container and first audio stream with ffprobe and turns ffprobe's refusal
 * into a typed rejection that carries ffprobe's own reason.
 */
final class AudioProber {

    private final String ffprobePath;

    AudioProber(String ffprobePath) {
        this.ffprobePath = ffprobePath;
    }

    ProbedAudio probe(Path file, DeadlineProcessFunction processes) throws AudioRejectedException, IOException {
        FFmpegProbeResult result;
        try {
            result = new FFprobe(ffprobePath, processes).probe(file.toString());
        } catch (FFmpegException refused) {
            String reason = refused.getError() != null ? refused.getError().getString() : refused.getMessage();
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffprobe: " + reason);
        } catch (IOException | RuntimeException failed) {
            if (processes.expired()) {
                throw processes.timedOut();
            }
            throw failed;
        }
        FFmpegStream audio = result.getStreams() == null ? null : result.getStreams().stream()
                .filter(stream -> stream.codec_type == CodecType.AUDIO)
                .findFirst()
                .orElse(null);
        if (audio == null) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffprobe: the file has no audio stream");
        }
        double seconds = result.getFormat().getDuration() > 0 ? result.getFormat().getDuration() : audio.duration;
        return new ProbedAudio(result.getFormat().getFormatName(), audio.codec_name, audio.channels, audio.sample_rate,
                audio.channel_layout == null ? "" : audio.channel_layout, Duration.ofNanos(Math.round(Math.max(seconds, 0) * 1e9)));
    }
}

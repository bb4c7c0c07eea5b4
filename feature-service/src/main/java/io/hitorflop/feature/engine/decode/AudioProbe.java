package io.hitorflop.feature.engine.decode;

import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.audiostore.AudioRejectedException;
import net.bramp.ffmpeg.FFmpegException;
import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.probe.FFmpegFormat;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Asks ffprobe (through ffmpeg-cli-wrapper) whether a file holds decodable audio, before decoding it. */
public final class AudioProbe {

    private final FFprobe ffprobe;
    private final Duration timeout;
    /** The ffprobe process of the current thread's probe, so a timeout can be told from a rejection. */
    private final ThreadLocal<TimedProcesses.Watched> running = new ThreadLocal<>();

    public AudioProbe(String ffprobePath, Duration timeout) {
        this.timeout = timeout;
        this.ffprobe = new FFprobe(ffprobePath, args -> {
            TimedProcesses.Watched watched = TimedProcesses.start(args, timeout, true);
            running.set(watched);
            return watched.process();
        });
    }

    /**
     * @throws AudioRejectedException {@code UNSUPPORTED_AUDIO} when the file is missing, empty, not
     *                                media, corrupt or has no audio stream; {@code AUDIO_TOO_LONG}
     *                                when it is longer than {@code maxDuration}
     */
    public ProbedAudio probe(Path file, Duration maxDuration) throws AudioRejectedException {
        if (!Files.isRegularFile(file)) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "no such file: " + file);
        }
        try {
            if (Files.size(file) == 0) {
                throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "the file is empty");
            }
        } catch (IOException e) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "cannot read " + file + ": " + e.getMessage());
        }
        FFmpegProbeResult result = runProbe(file);
        FFmpegStream audio = result.getStreams() == null ? null : result.getStreams().stream()
                .filter(stream -> stream.codec_type == CodecType.AUDIO)
                .findFirst()
                .orElse(null);
        if (audio == null) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO,
                    "ffprobe found no audio stream (format: " + formatName(result.getFormat()) + ")");
        }
        if (audio.sample_rate <= 0 || audio.channels <= 0) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO,
                    "ffprobe reports an audio stream without sample rate or channels (codec " + audio.codec_name + ")");
        }
        double duration = audio.duration > 0 ? audio.duration
                : result.getFormat() != null ? result.getFormat().duration : 0;
        if (duration > maxDuration.toMillis() / 1000.0) {
            throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(java.util.Locale.ROOT,
                    "the audio lasts %.1f s, the limit is %d s", duration, maxDuration.toSeconds()));
        }
        return new ProbedAudio(formatName(result.getFormat()), audio.codec_name, audio.channels, audio.sample_rate,
                audio.channel_layout == null ? "" : audio.channel_layout, Duration.ofNanos(Math.round(Math.max(0, duration) * 1e9)));
    }

    private FFmpegProbeResult runProbe(Path file) throws AudioRejectedException {
        try {
            return ffprobe.probe(file.toAbsolutePath().toString());
        } catch (FFmpegException e) {
            failIfTimedOut(file);
            String reason = e.getError() != null && e.getError().string != null ? e.getError().string : e.getMessage();
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffprobe: " + reason);
        } catch (IOException | RuntimeException e) {
            failIfTimedOut(file);
            throw new AudioDecodeException("ffprobe failed on " + file + ": " + e.getMessage(), e);
        } finally {
            TimedProcesses.Watched watched = running.get();
            running.remove();
            if (watched != null) {
                watched.close();
            }
        }
    }

    private void failIfTimedOut(Path file) {
        TimedProcesses.Watched watched = running.get();
        if (watched != null && watched.timedOut()) {
            throw new AudioDecodeException("ffprobe was killed after the timeout of " + timeout.toMillis() + " ms on " + file);
        }
    }

    private static String formatName(FFmpegFormat format) {
        return format == null ? "unknown" : format.format_name;
    }
}

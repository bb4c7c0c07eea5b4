package io.hitorflop.feature.engine.decode;

import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.feature.engine.signal.PcmConsumer;
import org.apache.commons.io.input.ReadAheadInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Decodes the first audio stream of a file with ffmpeg to 32-bit float PCM at its original rate and
 * channel count, streamed through stdout (no temporary file), and reads what the file holds from the
 * same process: the "Input #0" section of ffmpeg's info log (container, codec, channel layout,
 * duration) and the WAVE header before the samples (channels and rate, exactly as decoded). A
 * separate ffprobe process, which cost about a sixth of a folder's CPU, is not needed. stderr is
 * drained on its own thread so ffmpeg never blocks on a full pipe; its error lines become the
 * error message.
 */
public final class FfmpegPcmDecoder {

    private static final int READ_AHEAD_BYTES = 1 << 20;

    private final String ffmpegPath;
    private final Duration timeout;

    public FfmpegPcmDecoder(String ffmpegPath, Duration timeout) {
        this.ffmpegPath = ffmpegPath;
        this.timeout = timeout;
    }

    /**
     * Starts ffmpeg on {@code file}. Closing the decoding kills ffmpeg if it still runs, so a file
     * that {@link PcmDecoding#probe} rejects leaves nothing behind.
     *
     * @throws AudioDecodeException ffmpeg could not be started
     */
    public PcmDecoding start(Path file) {
        String input = file.toAbsolutePath().toString();
        List<String> command = List.of(ffmpegPath, "-nostdin", "-hide_banner", "-nostats",
                // info level for the input section, each line tagged with its level so errors can be told apart
                "-loglevel", "level+info",
                // one decoding thread: the engine's speed target is for one file on one core
                "-threads", "1",
                "-i", input,
                "-map", "0:a:0", "-map_metadata", "-1", "-fflags", "+bitexact",
                "-c:a", "pcm_f32le", "-f", "wav", "pipe:1");
        TimedProcesses.Watched watched = TimedProcesses.start(command, timeout, false);
        FfmpegLog log = new FfmpegLog(watched.process().getErrorStream(), input);
        log.start();
        return new Decoding(file, watched, log);
    }

    /** A running ffmpeg: first {@link #probe}d, then its PCM is read once, by {@link #readInto}. */
    private final class Decoding implements PcmDecoding {
        private final Path file;
        private final TimedProcesses.Watched watched;
        private final FfmpegLog log;
        private final InputStream pcm;

        private Decoding(Path file, TimedProcesses.Watched watched, FfmpegLog log) {
            this.file = file;
            this.watched = watched;
            this.log = log;
            this.pcm = readAhead(watched.process().getInputStream());
        }

        /** What the file holds, from ffmpeg's report on its input and the header of its output. */
        @Override
        public ProbedAudio probe(Duration maxDuration) throws AudioRejectedException {
            FfmpegInputDump input = log.inputDump().orElseThrow(this::refusal);
            FfmpegInputDump.AudioStream audio = input.audio().orElseThrow(() -> new AudioRejectedException(
                    ProblemType.UNSUPPORTED_AUDIO, "ffmpeg found no audio stream (format: " + input.container() + ")"));
            double duration = input.durationSeconds();
            if (duration > maxDuration.toMillis() / 1000.0) {
                throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(java.util.Locale.ROOT,
                        "the audio lasts %.1f s, the limit is %d s", duration, maxDuration.toSeconds()));
            }
            WavHeader header;
            try {
                header = WavHeader.read(pcm);
            } catch (EOFException ended) {
                throw refusal();
            } catch (IOException e) {
                throw failure("reading ffmpeg's output failed: " + e.getMessage());
            }
            if (header.sampleRate() <= 0 || header.channels() <= 0) {
                throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO,
                        "ffmpeg reports an audio stream without sample rate or channels (codec " + audio.codec() + ")");
            }
            return new ProbedAudio(input.container(), audio.codec(), header.channels(), header.sampleRate(),
                    audio.channelLayout(), Duration.ofNanos(Math.round(Math.max(0, duration) * 1e9)));
        }

        /** The reported duration of some formats is only an estimate: {@code maxFrames} is checked as the frames come. */
        @Override
        public long readInto(ProbedAudio probed, long maxFrames, PcmConsumer consumer) throws AudioRejectedException {
            long frames;
            try {
                frames = pump(pcm, probed.channels(), maxFrames, consumer);
            } catch (TooLong e) {
                stop();
                throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(java.util.Locale.ROOT,
                        "the audio is longer than the limit of %.0f s", (double) maxFrames / probed.sampleRate()));
            } catch (IOException e) {
                throw failure("reading ffmpeg's output failed: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                stop();
                throw e;
            } finally {
                // the read-ahead thread must not be left blocked on the pipe: close() waits for it,
                // so on the paths above ffmpeg is killed first and the pipe ends
                closeQuietly(pcm);
            }
            int exit = waitFor();
            log.finish();
            if (watched.timedOut()) {
                throw timedOut();
            }
            if (exit != 0) {
                String reason = log.errors().isBlank() ? "exit status " + exit : log.errors();
                if (frames == 0) {
                    throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffmpeg: " + reason);
                }
                throw new AudioDecodeException("ffmpeg failed after " + frames + " frames (exit " + exit + "): " + reason);
            }
            if (frames == 0) {
                throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffmpeg decoded no samples");
            }
            return frames;
        }

        @Override
        public void close() {
            watched.close();
            closeQuietly(pcm);
            log.finish();
        }

        /** ffmpeg ended before its first sample: the file is refused with ffmpeg's reason, unless the timeout killed it. */
        private AudioRejectedException refusal() {
            int exit = waitFor();
            log.finish();
            if (watched.timedOut()) {
                throw timedOut();
            }
            if (exit == 0) {
                return new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "ffmpeg decoded no samples");
            }
            return new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO,
                    "ffmpeg: " + (log.errors().isBlank() ? "exit status " + exit : log.errors()));
        }

        private AudioDecodeException timedOut() {
            return new AudioDecodeException("ffmpeg was killed after the decode timeout of " + timeout.toMillis() + " ms on " + file);
        }

        private void stop() {
            TimedProcesses.kill(watched.process());
            log.finish();
        }

        private AudioDecodeException failure(String message) {
            stop();
            if (watched.timedOut()) {
                return new AudioDecodeException("ffmpeg was killed after the decode timeout of " + timeout.toMillis() + " ms");
            }
            return new AudioDecodeException(message + (log.errors().isBlank() ? "" : " (ffmpeg: " + log.errors() + ")"));
        }

        private int waitFor() {
            try {
                return watched.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AudioDecodeException("interrupted while waiting for ffmpeg", e);
            }
        }
    }

    /**
     * ffmpeg's output read on a second thread, up to {@value #READ_AHEAD_BYTES} bytes ahead. Read
     * directly, the 64 KiB pipe made ffmpeg and the analysis take turns: each stopped whenever the
     * other was not ready, and an MP3's analysis waited for its decoder for about a tenth of its time.
     */
    private static InputStream readAhead(InputStream pipe) {
        try {
            return ReadAheadInputStream.builder().setInputStream(pipe).setBufferSize(READ_AHEAD_BYTES).get();
        } catch (IOException e) {
            throw new AudioDecodeException("cannot read ffmpeg's output: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream pcm) {
        try {
            pcm.close();
        } catch (IOException e) {
            // the PCM was read or ffmpeg is gone: nothing left to release
        }
    }

    private static long pump(InputStream pcm, int channels, long maxFrames, PcmConsumer consumer)
            throws IOException, TooLong {
        int frameBytes = channels * Float.BYTES;
        byte[] bytes = new byte[PcmDecoding.FRAMES_PER_BLOCK * frameBytes];
        FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] samples = new float[PcmDecoding.FRAMES_PER_BLOCK * channels];
        long frames = 0;
        int filled = 0;
        int read;
        while ((read = pcm.read(bytes, filled, bytes.length - filled)) >= 0) {
            filled += read;
            if (filled < bytes.length) {
                continue;
            }
            floats.position(0);
            floats.get(samples, 0, samples.length);
            consumer.accept(samples, PcmDecoding.FRAMES_PER_BLOCK);
            frames += PcmDecoding.FRAMES_PER_BLOCK;
            filled = 0;
            if (frames > maxFrames) {
                throw new TooLong();
            }
        }
        int whole = filled / frameBytes;
        if (whole > 0) {
            floats.position(0);
            floats.get(samples, 0, whole * channels);
            consumer.accept(samples, whole);
            frames += whole;
        }
        if (frames > maxFrames) {
            throw new TooLong();
        }
        return frames;
    }

    /** Signals that the stream passed the frame limit. */
    private static final class TooLong extends Exception {
        TooLong() {
            super(null, null, false, false);
        }
    }
}

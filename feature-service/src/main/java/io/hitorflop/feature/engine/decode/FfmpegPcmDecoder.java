package io.hitorflop.feature.engine.decode;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.feature.engine.AudioDecodeException;
import io.hitorflop.feature.engine.AudioRejectedException;
import net.bramp.ffmpeg.builder.FFmpegBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the first audio stream of a file with ffmpeg to 32-bit float PCM at its original rate and
 * channel count, streamed through stdout (no temporary file). stderr is drained on its own thread
 * so ffmpeg never blocks on a full pipe; its tail becomes the error message.
 */
public final class FfmpegPcmDecoder {

    private static final int FRAMES_PER_BLOCK = 8192;
    private static final int STDERR_TAIL_CHARS = 2_000;

    private final String ffmpegPath;
    private final Duration timeout;

    public FfmpegPcmDecoder(String ffmpegPath, Duration timeout) {
        this.ffmpegPath = ffmpegPath;
        this.timeout = timeout;
    }

    /**
     * @param maxFrames decoding stops with {@code AUDIO_TOO_LONG} once more frames than this arrive
     *                  (the probed duration of some formats is only an estimate)
     * @return the number of frames (samples per channel) decoded
     * @throws AudioRejectedException ffmpeg rejected the data, it held no samples or was too long
     * @throws AudioDecodeException   ffmpeg could not be started, was killed by the timeout or crashed
     */
    public long decode(Path file, ProbedAudio probed, long maxFrames, PcmConsumer consumer) throws AudioRejectedException {
        List<String> command = new ArrayList<>();
        command.add(ffmpegPath);
        command.addAll(new FFmpegBuilder()
                .setVerbosity(FFmpegBuilder.Verbosity.ERROR)
                // one decoding thread: the engine's speed target is for one file on one core
                .addExtraArgs("-nostdin", "-threads", "1")
                .setInput(file.toAbsolutePath().toString())
                .done()
                .addStdoutOutput()
                .setFormat("f32le")
                .setAudioCodec("pcm_f32le")
                .disableVideo()
                .disableSubtitle()
                .addExtraArgs("-map", "0:a:0")
                .done()
                .build());
        try (TimedProcesses.Watched watched = TimedProcesses.start(command, timeout, false)) {
            StderrTail stderr = new StderrTail(watched.process().getErrorStream());
            stderr.start();
            long frames;
            try {
                frames = pump(watched.process().getInputStream(), probed.channels(), maxFrames, consumer);
            } catch (TooLong e) {
                TimedProcesses.kill(watched.process());
                stderr.finish();
                throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(java.util.Locale.ROOT,
                        "the audio is longer than the limit of %.0f s", (double) maxFrames / probed.sampleRate()));
            } catch (IOException e) {
                throw failure(watched, stderr, "reading ffmpeg's output failed: " + e.getMessage());
            }
            int exit = waitFor(watched);
            stderr.finish();
            if (watched.timedOut()) {
                throw new AudioDecodeException("ffmpeg was killed after the decode timeout of " + timeout.toMillis() + " ms on " + file);
            }
            if (exit != 0) {
                String reason = stderr.text().isBlank() ? "exit status " + exit : stderr.text();
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
    }

    private static long pump(InputStream pcm, int channels, long maxFrames, PcmConsumer consumer)
            throws IOException, TooLong {
        int frameBytes = channels * Float.BYTES;
        byte[] bytes = new byte[FRAMES_PER_BLOCK * frameBytes];
        FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] samples = new float[FRAMES_PER_BLOCK * channels];
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
            consumer.accept(samples, FRAMES_PER_BLOCK);
            frames += FRAMES_PER_BLOCK;
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

    private AudioDecodeException failure(TimedProcesses.Watched watched, StderrTail stderr, String message) {
        TimedProcesses.kill(watched.process());
        stderr.finish();
        if (watched.timedOut()) {
            return new AudioDecodeException("ffmpeg was killed after the decode timeout of " + timeout.toMillis() + " ms");
        }
        return new AudioDecodeException(message + (stderr.text().isBlank() ? "" : " (ffmpeg: " + stderr.text() + ")"));
    }

    private static int waitFor(TimedProcesses.Watched watched) {
        try {
            return watched.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AudioDecodeException("interrupted while waiting for ffmpeg", e);
        }
    }

    /** Signals that the stream passed the frame limit. */
    private static final class TooLong extends Exception {
        TooLong() {
            super(null, null, false, false);
        }
    }

    /** Drains ffmpeg's stderr and keeps its last characters. */
    private static final class StderrTail extends Thread {
        private final InputStream stream;
        private final StringBuilder tail = new StringBuilder();

        StderrTail(InputStream stream) {
            super("ffmpeg-stderr");
            setDaemon(true);
            this.stream = stream;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try {
                int read;
                while ((read = stream.read(buffer)) >= 0) {
                    synchronized (tail) {
                        tail.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        if (tail.length() > STDERR_TAIL_CHARS) {
                            tail.delete(0, tail.length() - STDERR_TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was killed; what was read so far is the message
            }
        }

        void finish() {
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            synchronized (tail) {
                return tail.toString().strip();
            }
        }
    }
}

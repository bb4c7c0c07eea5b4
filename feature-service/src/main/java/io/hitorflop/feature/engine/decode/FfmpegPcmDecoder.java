package io.hitorflop.feature.engine.decode;

import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.feature.engine.signal.PcmConsumer;
import net.bramp.ffmpeg.builder.FFmpegBuilder;
import org.apache.commons.io.input.ReadAheadInputStream;

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
    private static final int READ_AHEAD_BYTES = 1 << 20;

    private final String ffmpegPath;
    private final Duration timeout;

    public FfmpegPcmDecoder(String ffmpegPath, Duration timeout) {
        this.ffmpegPath = ffmpegPath;
        this.timeout = timeout;
    }

    /**
     * Starts ffmpeg on {@code file}. It loads and begins decoding while the caller probes the file
     * (both executables take about 50 ms just to start), then waits on the full pipe until
     * {@link Decoding#readInto} reads it. Closing the decoding kills ffmpeg if it still runs, so a
     * file the probe rejects leaves nothing behind.
     *
     * @throws AudioDecodeException ffmpeg could not be started
     */
    public Decoding start(Path file) {
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
        TimedProcesses.Watched watched = TimedProcesses.start(command, timeout, false);
        StderrTail stderr = new StderrTail(watched.process().getErrorStream());
        stderr.start();
        return new Decoding(file, watched, stderr);
    }

    /** A running ffmpeg whose PCM is read once, by {@link #readInto}. */
    public final class Decoding implements AutoCloseable {
        private final Path file;
        private final TimedProcesses.Watched watched;
        private final StderrTail stderr;

        private Decoding(Path file, TimedProcesses.Watched watched, StderrTail stderr) {
            this.file = file;
            this.watched = watched;
            this.stderr = stderr;
        }

        /**
         * Streams the decoded PCM, in blocks of interleaved frames, to {@code consumer}.
         *
         * @param probed    the probe of the same file: its channel count frames the PCM
         * @param maxFrames decoding stops with {@code AUDIO_TOO_LONG} once more frames than this arrive
         *                  (the probed duration of some formats is only an estimate)
         * @return the number of frames (samples per channel) decoded
         * @throws AudioRejectedException ffmpeg rejected the data, it held no samples or was too long
         * @throws AudioDecodeException   ffmpeg was killed by the timeout or crashed
         */
        public long readInto(ProbedAudio probed, long maxFrames, PcmConsumer consumer) throws AudioRejectedException {
            long frames;
            InputStream pcm = readAhead(watched.process().getInputStream());
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

        @Override
        public void close() {
            watched.close();
            stderr.finish();
        }

        private void stop() {
            TimedProcesses.kill(watched.process());
            stderr.finish();
        }

        private AudioDecodeException failure(String message) {
            stop();
            if (watched.timedOut()) {
                return new AudioDecodeException("ffmpeg was killed after the decode timeout of " + timeout.toMillis() + " ms");
            }
            return new AudioDecodeException(message + (stderr.text().isBlank() ? "" : " (ffmpeg: " + stderr.text() + ")"));
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

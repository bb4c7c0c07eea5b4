package io.hitorflop.feature.engine.decode;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.feature.engine.signal.PcmConsumer;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A plain PCM WAVE file (RIFF/WAVE: 16- or 24-bit integer or 32-bit float, little-endian, mono or
 * stereo, known length) read by the JDK's own reader (javax.sound.sampled) instead of an ffmpeg
 * process: the samples are already PCM, and starting ffmpeg (mostly its dynamic linker relocating
 * some 200 shared libraries) cost more CPU than the decoding. The samples are scaled as ffmpeg's
 * libswresample scales them to float (s16: x / 2^15; s24: x / 2^23, both exact in float), and the
 * probe reports what ffmpeg would (container "wav", codec "pcm_s16le" ..., layout "mono"/"stereo",
 * the duration rounded to the centisecond as ffmpeg prints it), so the analysis is the same either way.
 * Any other file, WAVE or not, goes to ffmpeg, which also gives every error its reason.
 */
public final class WaveFileDecoding implements PcmDecoding {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final AudioInputStream stream;
    private final AudioFormat format;
    private final String codec;
    private final long frames;

    private WaveFileDecoding(AudioInputStream stream, String codec) {
        this.stream = stream;
        this.format = stream.getFormat();
        this.codec = codec;
        this.frames = stream.getFrameLength();
    }

    /** The decoding of {@code file} when it is a WAVE file this class reads; empty for every other file. */
    public static Optional<PcmDecoding> open(Path file) {
        if (!startsAsWave(file)) {
            return Optional.empty();
        }
        AudioInputStream stream = null;
        try {
            stream = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            Optional<String> codec = codecOf(stream.getFormat());
            if (codec.isPresent() && stream.getFrameLength() > 0) {
                return Optional.of(new WaveFileDecoding(stream, codec.get()));
            }
        } catch (UnsupportedAudioFileException | IOException | RuntimeException notForUs) {
            // ffmpeg reads it, or says why it cannot
        }
        closeQuietly(stream);
        return Optional.empty();
    }

    @Override
    public ProbedAudio probe(Duration maxDuration) throws AudioRejectedException {
        int rate = Math.round(format.getSampleRate());
        double seconds = printedDurationSeconds(frames, rate);
        if (seconds > maxDuration.toMillis() / 1000.0) {
            throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(Locale.ROOT,
                    "the audio lasts %.1f s, the limit is %d s", seconds, maxDuration.toSeconds()));
        }
        return new ProbedAudio("wav", codec, format.getChannels(), rate, format.getChannels() == 1 ? "mono" : "stereo",
                Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    @Override
    public long readInto(ProbedAudio probed, long maxFrames, PcmConsumer consumer) throws AudioRejectedException {
        if (frames > maxFrames) {
            throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(Locale.ROOT,
                    "the audio is longer than the limit of %.0f s", (double) maxFrames / probed.sampleRate()));
        }
        int channels = format.getChannels();
        int bytesPerSample = format.getSampleSizeInBits() / 8;
        byte[] bytes = new byte[FRAMES_PER_BLOCK * channels * bytesPerSample];
        ByteBuffer little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[FRAMES_PER_BLOCK * channels];
        long decoded = 0;
        try {
            while (decoded < frames) {
                int blockFrames = (int) Math.min(FRAMES_PER_BLOCK, frames - decoded);
                int length = blockFrames * channels * bytesPerSample;
                int filled = stream.readNBytes(bytes, 0, length);
                int whole = filled / (channels * bytesPerSample);
                toFloat(little, samples, whole * channels);
                if (whole > 0) {
                    consumer.accept(samples, whole);
                }
                decoded += whole;
                if (filled < length) {
                    break; // a file shorter than its header says: ffmpeg, too, decodes what is there
                }
            }
        } catch (IOException e) {
            throw new AudioDecodeException("reading the WAVE file failed: " + e.getMessage(), e);
        }
        if (decoded == 0) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "the WAVE file holds no samples");
        }
        return decoded;
    }

    @Override
    public void close() {
        closeQuietly(stream);
    }

    private void toFloat(ByteBuffer little, float[] samples, int count) {
        switch (codec) {
            case "pcm_s16le" -> {
                for (int i = 0; i < count; i++) {
                    samples[i] = little.getShort(2 * i) * (1.0f / (1 << 15));
                }
            }
            case "pcm_s24le" -> {
                for (int i = 0; i < count; i++) {
                    int at = 3 * i;
                    int value = (little.get(at) & 0xFF) | (little.get(at + 1) & 0xFF) << 8 | little.get(at + 2) << 16;
                    samples[i] = value * (1.0f / (1 << 23));
                }
            }
            default -> little.asFloatBuffer().get(samples, 0, count); // pcm_f32le
        }
    }

    private static Optional<String> codecOf(AudioFormat format) {
        if (format.isBigEndian() || format.getChannels() < 1 || format.getChannels() > 2
                || format.getSampleRate() <= 0 || format.getSampleRate() != Math.round(format.getSampleRate())) {
            return Optional.empty();
        }
        int bits = format.getSampleSizeInBits();
        if (format.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && (bits == 16 || bits == 24)) {
            return Optional.of("pcm_s" + bits + "le");
        }
        if (format.getEncoding() == AudioFormat.Encoding.PCM_FLOAT && bits == 32) {
            return Optional.of("pcm_f32le");
        }
        return Optional.empty();
    }

    /**
     * The duration as ffmpeg reports a WAVE file's: the frame count in microseconds (rounded), printed to the
     * centisecond after adding 5 ms (libavformat's av_dump_format).
     */
    static double printedDurationSeconds(long frames, int sampleRate) {
        long micros = Math.round((double) frames * MICROS_PER_SECOND / sampleRate);
        return Math.floorDiv(micros + 5_000, 10_000) / 100.0;
    }

    private static boolean startsAsWave(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(12);
            if (header.length < 12) {
                return false;
            }
            ByteBuffer little = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            return little.getInt(0) == WavHeader.RIFF && little.getInt(8) == WavHeader.WAVE;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // read to the end or abandoned: nothing left to release
        }
    }
}

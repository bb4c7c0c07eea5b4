package io.hitorflop.e2e.fuzz;

import io.hitorflop.e2e.fuzz.BadAudio.Kind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Makes bad uploads from real audio that ffmpeg synthesises: the seven kinds of issue 6 (truncated,
 * bit-flipped, random bytes, wrong magic, zero-length, huge declared sizes, a valid container
 * around a garbage stream). Deterministic for a given seed.
 *
 * <p>Mutations that may leave decodable audio start from clips shorter than the service's minimum
 * (0.8 s against 1 s), so whatever part of them still decodes is too short to judge: every file
 * must end as a 4xx or a FAILED job, never as a verdict on garbage.
 */
public final class BadAudioGenerator {

    private static final double SHORT_SECONDS = 0.8;
    private static final double LONG_SECONDS = 3;
    private static final List<String> FORMATS = List.of("wav", "flac", "mp3", "ogg", "m4a");
    private static final List<byte[]> FOREIGN_MAGIC = List.of(
            "%PDF-1.7".getBytes(StandardCharsets.US_ASCII),
            new byte[] {'P', 'K', 3, 4},
            new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            new byte[] {0x7f, 'E', 'L', 'F'},
            "GIF89a".getBytes(StandardCharsets.US_ASCII),
            "OggS".getBytes(StandardCharsets.US_ASCII),
            "fLaC".getBytes(StandardCharsets.US_ASCII),
            "RIFF".getBytes(StandardCharsets.US_ASCII),
            "ID3".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3});

    private final Random random;
    private final Path workDir;

    public BadAudioGenerator(long seed, Path workDir) {
        this.random = new Random(seed);
        this.workDir = workDir;
    }

    /** {@code perKind} files of each kind (at least 29 per kind gives the 200). */
    public List<BadAudio> generate(int perKind) throws IOException, InterruptedException {
        List<Seed> shortSeeds = new ArrayList<>();
        for (String format : FORMATS) {
            shortSeeds.add(seed(format, SHORT_SECONDS, 44_100, 1));
            shortSeeds.add(seed(format, SHORT_SECONDS, 22_050, 2));
        }
        Seed longWav = seed("wav", LONG_SECONDS, 22_050, 1);
        Seed longFlac = seed("flac", LONG_SECONDS, 22_050, 1);
        Seed longOgg = seed("ogg", LONG_SECONDS, 22_050, 1);
        List<BadAudio> files = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            Seed shortSeed = shortSeeds.get(i % shortSeeds.size());
            files.add(zeroLength(i));
            files.add(randomBytes(i));
            files.add(wrongMagic(i, shortSeed));
            files.add(truncated(i, shortSeed));
            files.add(bitFlipped(i, shortSeed));
            files.add(hugeDeclaredSize(i, shortSeeds));
            files.add(garbageStream(i, List.of(longWav, longFlac, longOgg).get(i % 3)));
        }
        return files;
    }

    private record Seed(String format, byte[] bytes) {
    }

    private BadAudio zeroLength(int i) {
        String format = FORMATS.get(i % FORMATS.size());
        return new BadAudio(Kind.ZERO_LENGTH, name("zero-length", i, format), contentType(format), new byte[0]);
    }

    /** Random bytes from 1 byte to 256 KiB, log-uniform. */
    private BadAudio randomBytes(int i) {
        int length = (int) Math.round(Math.pow(2, random.nextDouble() * 18));
        byte[] bytes = new byte[Math.max(1, length)];
        random.nextBytes(bytes);
        String format = FORMATS.get(i % FORMATS.size());
        return new BadAudio(Kind.RANDOM_BYTES, name("random-bytes", i, format), contentType(format), bytes);
    }

    /** A real file whose first bytes announce another format. */
    private BadAudio wrongMagic(int i, Seed seed) {
        byte[] bytes = seed.bytes().clone();
        byte[] magic = FOREIGN_MAGIC.get(i % FOREIGN_MAGIC.size());
        System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, bytes.length));
        return new BadAudio(Kind.WRONG_MAGIC, name("wrong-magic", i, seed.format()), contentType(seed.format()), bytes);
    }

    /** Cut anywhere: inside the header (first 64 bytes) for every third file, anywhere else otherwise. */
    private BadAudio truncated(int i, Seed seed) {
        int length = i % 3 == 0 ? random.nextInt(Math.min(64, seed.bytes().length)) : random.nextInt(seed.bytes().length);
        return new BadAudio(Kind.TRUNCATED, name("truncated", i, seed.format()), contentType(seed.format()),
                Arrays.copyOf(seed.bytes(), length));
    }

    /** 1 to 256 random bits flipped, half of the files only in the first 512 bytes (the headers). */
    private BadAudio bitFlipped(int i, Seed seed) {
        byte[] bytes = seed.bytes().clone();
        int flips = 1 + random.nextInt(256);
        int span = i % 2 == 0 ? Math.min(512, bytes.length) : bytes.length;
        for (int f = 0; f < flips; f++) {
            int at = random.nextInt(span);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return new BadAudio(Kind.BIT_FLIPPED, name("bit-flipped", i, seed.format()), contentType(seed.format()), bytes);
    }

    /**
     * Headers that promise far more than the file holds: a WAV whose RIFF and data chunks claim up
     * to 4 GiB, or a FLAC whose STREAMINFO claims up to 2^36 - 1 samples (about 18 days at 44.1 kHz).
     */
    private BadAudio hugeDeclaredSize(int i, List<Seed> shortSeeds) {
        Seed seed = shortSeeds.get(i % 2 == 0 ? 0 : 2);
        byte[] bytes = seed.bytes().clone();
        long[] claims = {0xFFFF_FFFFL, 0xFFFF_FFF0L, 0x7FFF_FFFFL, 0x8000_0000L, 0x0100_0000L};
        long claim = claims[i % claims.length];
        if (seed.format().equals("wav")) {
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(4, (int) claim);
            int data = indexOf(bytes, "data".getBytes(StandardCharsets.US_ASCII));
            if (i % 4 != 1 && data >= 0) {
                header.putInt(data + 4, (int) claim);
            }
        } else {
            // STREAMINFO starts at byte 8 (after "fLaC" and its block header); total samples are
            // the low 36 bits of the 8 bytes at offset 8 + 10.
            long totalSamples = (claim << 4) | 0xF;
            long packed = ByteBuffer.wrap(bytes, 18, 8).getLong();
            packed = (packed & ~0xF_FFFF_FFFFL) | (totalSamples & 0xF_FFFF_FFFFL);
            ByteBuffer.wrap(bytes, 18, 8).putLong(packed);
        }
        return new BadAudio(Kind.HUGE_DECLARED_SIZE, name("huge-declared-size", i, seed.format()),
                contentType(seed.format()), bytes);
    }

    /**
     * A long file's container kept and its audio replaced: WAV headers declaring MPEG Layer 3
     * (0x0055) or MS ADPCM (0x0002) over PCM bytes, FLAC metadata then random frames, Ogg Vorbis
     * header pages then random bytes.
     */
    private BadAudio garbageStream(int i, Seed seed) {
        byte[] bytes = seed.bytes().clone();
        int keep;
        switch (seed.format()) {
            case "wav" -> {
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) (i % 2 == 0 ? 0x0055 : 0x0002));
                keep = indexOf(bytes, "data".getBytes(StandardCharsets.US_ASCII)) + 8;
            }
            case "flac" -> keep = flacAudioOffset(bytes);
            default -> keep = oggPagesEnd(bytes, 3);
        }
        byte[] garbage = new byte[bytes.length - keep];
        random.nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, keep, garbage.length);
        return new BadAudio(Kind.GARBAGE_STREAM, name("garbage-stream", i, seed.format()), contentType(seed.format()), bytes);
    }

    private Seed seed(String format, double seconds, int sampleRate, int channels) throws IOException, InterruptedException {
        Path file = workDir.resolve(String.format(Locale.ROOT, "seed-%.1fs-%d-%d.%s", seconds, sampleRate, channels, format));
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", String.format(Locale.ROOT, "sine=frequency=440:sample_rate=%d:duration=%.2f", sampleRate, seconds),
                "-ac", Integer.toString(channels)));
        switch (format) {
            case "mp3" -> command.addAll(List.of("-c:a", "libmp3lame", "-b:a", "128k"));
            case "ogg" -> command.addAll(List.of("-c:a", "libvorbis"));
            case "m4a" -> command.addAll(List.of("-c:a", "aac"));
            default -> {
                // wav: 16-bit PCM; flac: ffmpeg's default encoder settings
            }
        }
        command.add(file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return new Seed(format, Files.readAllBytes(file));
    }

    /** First byte after the last FLAC metadata block (RFC 9639 section 8). */
    private static int flacAudioOffset(byte[] flac) {
        int at = 4;
        boolean last = false;
        while (!last) {
            last = (flac[at] & 0x80) != 0;
            int length = ((flac[at + 1] & 0xff) << 16) | ((flac[at + 2] & 0xff) << 8) | (flac[at + 3] & 0xff);
            at += 4 + length;
        }
        return at;
    }

    /** First byte after the first {@code pages} Ogg pages (RFC 3533 section 6). */
    private static int oggPagesEnd(byte[] ogg, int pages) {
        int at = 0;
        for (int page = 0; page < pages && at + 27 <= ogg.length; page++) {
            int segments = ogg[at + 26] & 0xff;
            int body = 0;
            for (int s = 0; s < segments; s++) {
                body += ogg[at + 27 + s] & 0xff;
            }
            at += 27 + segments + body;
        }
        return Math.min(at, ogg.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String name(String kind, int i, String format) {
        return String.format(Locale.ROOT, "%s-%02d.%s", kind, i, format);
    }

    private static String contentType(String format) {
        return switch (format) {
            case "wav" -> "audio/wav";
            case "flac" -> "audio/flac";
            case "mp3" -> "audio/mpeg";
            case "ogg" -> "audio/ogg";
            default -> "audio/mp4";
        };
    }
}

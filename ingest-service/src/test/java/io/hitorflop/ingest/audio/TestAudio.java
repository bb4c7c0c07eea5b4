package io.hitorflop.ingest.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Generates test inputs with ffmpeg's lavfi sources, so no audio file is committed. */
public final class TestAudio {

    /** The title {@link #withTitleAndCoverArt} writes. */
    public static final String TITLE = "Bought by someone@example.com";

    /** A sine tone of {@code seconds} at {@code sampleRate} with {@code channels} channels. */
    public static Path sine(Path file, double seconds, int sampleRate, int channels) throws IOException, InterruptedException {
        return ffmpeg(file, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + seconds,
                "-ac", Integer.toString(channels));
    }

    /** A stereo sine tone of {@code seconds} at 44.1 kHz encoded with {@code codec} (e.g. "-c:a", "libvorbis"). */
    public static Path encodedSine(Path file, double seconds, String... codec) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100:duration=" + seconds, "-ac", "2"));
        args.addAll(List.of(codec));
        return ffmpeg(file, args.toArray(String[]::new));
    }

    /** {@code audio} with a title tag and a cover picture, as music bought from a store has; the same container. */
    public static Path withTitleAndCoverArt(Path audio, Path output) throws IOException, InterruptedException {
        Path cover = image(output.resolveSibling(output.getFileName() + ".png"));
        return ffmpeg(output, "-i", audio.toString(), "-i", cover.toString(), "-map", "0", "-map", "1", "-c", "copy",
                "-metadata", "title=" + TITLE, "-disposition:v", "attached_pic");
    }

    /** What ffmpeg decodes from the first audio stream of {@code file}: the MD5 of its 32-bit float samples. */
    public static String decodedSamplesMd5(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:a:0",
                "-c:a", "pcm_f32le", "-f", "md5", "-").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0 || !output.startsWith("MD5=")) {
            throw new IOException("ffmpeg could not decode " + file + ": " + output);
        }
        return output;
    }

    /** A still image: a valid media file with no audio stream. */
    public static Path image(Path file) throws IOException, InterruptedException {
        return ffmpeg(file, "-f", "lavfi", "-i", "color=c=red:s=32x32", "-frames:v", "1");
    }

    private static Path ffmpeg(Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        command.add(output.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("ffmpeg could not generate " + output + ": " + log);
        }
        return output;
    }

    private TestAudio() {
    }
}

package io.hitorflop.ingest.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Generates test inputs with ffmpeg's lavfi sources, so no audio file is committed. */
public final class TestAudio {

    /** A sine tone of {@code seconds} at {@code sampleRate} with {@code channels} channels. */
    public static Path sine(Path file, double seconds, int sampleRate, int channels) throws IOException, InterruptedException {
        return ffmpeg(file, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + seconds,
                "-ac", Integer.toString(channels));
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

package io.hitorflop.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A song of any length made by ffmpeg: an A minor chord over a 120 BPM kick, mono 44.1 kHz, encoded
 * by the file's extension (FLAC, WAV, MP3 or Ogg Vorbis).
 */
public final class SynthesizedSong {

    private SynthesizedSong() {
    }

    public static Path generate(Path file, int seconds) throws IOException, InterruptedException {
        String chord = "0.15*(sin(2*PI*220*t)+sin(2*PI*261.63*t)+sin(2*PI*329.63*t))";
        String kick = "0.6*sin(2*PI*(50+80*exp(-mod(t,0.5)*30))*mod(t,0.5))*exp(-mod(t,0.5)*12)";
        List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "aevalsrc=exprs='" + chord + "+" + kick + "':sample_rate=44100:duration=" + seconds,
                "-c:a", codec(file), file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return file;
    }

    private static String codec(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "flac" -> "flac";
            case "wav" -> "pcm_s16le";
            case "mp3" -> "libmp3lame";
            case "ogg" -> "libvorbis";
            default -> throw new IllegalArgumentException("no encoder for ." + extension + " files");
        };
    }
}

package io.hitorflop.launcher.analyze;

import io.hitorflop.launcher.LauncherException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A ~30 s demo song with a known tempo and key: A minor (i-iv-V-i: Am Dm E Am, one bar each),
 * 120 BPM marked by a kick on every beat, mono 44.1 kHz FLAC. (No off-beat hi-hat: it makes
 * 240 BPM a defensible reading, and the feature engine then reports that.)
 */
public final class DemoSong {

    public static final String FILE_NAME = "demo-song-a-minor-120bpm.flac";

    private DemoSong() {
    }

    public static void generate(Path out) {
        String bar = "mod(floor(t/2),4)";
        String root = "if(eq(" + bar + ",1),146.83,if(eq(" + bar + ",2),164.81,220))";
        String third = "if(eq(" + bar + ",1),174.61,if(eq(" + bar + ",2),207.65,261.63))";
        String fifth = "if(eq(" + bar + ",1),220,if(eq(" + bar + ",2),246.94,329.63))";
        String chord = "0.12*(sin(2*PI*" + root + "*t)+sin(2*PI*" + third + "*t)+sin(2*PI*" + fifth
                + "*t)+0.8*sin(PI*" + root + "*t))";
        String kick = "0.6*sin(2*PI*(50+80*exp(-mod(t,0.5)*30))*mod(t,0.5))*exp(-mod(t,0.5)*12)";
        try {
            Files.createDirectories(out.getParent());
            int exit = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "aevalsrc=exprs='" + chord + "+" + kick + "':sample_rate=44100:duration=30",
                    "-c:a", "flac", out.toString())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw LauncherException.failed("ffmpeg could not make the demo song (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw LauncherException.failed("cannot run ffmpeg: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LauncherException.failed("interrupted");
        }
    }
}

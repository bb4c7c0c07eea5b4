package io.hitorflop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A song with known musical facts, synthesised by ffmpeg: the chords I-IV-V-I of G major (one
 * bar each, repeated) over a kick on every beat. Only the kick marks the beat, so the tempo has
 * one right answer (off-beat hi-hats or a back-beat snare make double or half tempo defensible).
 *
 * @param file       the FLAC file
 * @param tempo      beats per minute of the kick
 * @param key        pitch class of the tonic (G = 7)
 * @param mode       1 = major
 * @param durationMs length of the file
 * @param loudness   integrated loudness (LUFS) of the file as ffmpeg's ebur128 filter measures it,
 *                   the independent reference for the feature engine's figure
 */
record TestSong(Path file, double tempo, int key, int mode, long durationMs, double loudness) {

    private static final double TEMPO = 100;
    private static final int SECONDS = 20;
    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS");

    static TestSong generate(Path file) throws IOException, InterruptedException {
        double beat = 60 / TEMPO;
        String bar = String.format(Locale.ROOT, "mod(floor(t/%.4f),4)", 4 * beat);
        // G major triads: G B D, C E G, D F# A, G B D (Hz, equal temperament, A4 = 440).
        String root = "if(eq(" + bar + ",1),130.81,if(eq(" + bar + ",2),146.83,196.00))";
        String third = "if(eq(" + bar + ",1),164.81,if(eq(" + bar + ",2),185.00,246.94))";
        String fifth = "if(eq(" + bar + ",1),196.00,if(eq(" + bar + ",2),220.00,293.66))";
        String chord = "0.12*(sin(2*PI*" + root + "*t)+sin(2*PI*" + third + "*t)+sin(2*PI*" + fifth + "*t)"
                + "+0.8*sin(PI*" + root + "*t))";
        String phase = String.format(Locale.ROOT, "mod(t,%.4f)", beat);
        String kick = "0.6*sin(2*PI*(50+80*exp(-" + phase + "*30))*" + phase + ")*exp(-" + phase + "*12)";
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "aevalsrc=exprs='" + chord + "+" + kick + "':sample_rate=44100:duration=" + SECONDS,
                "-c:a", "flac", file.toString()));
        return new TestSong(file, TEMPO, 7, 1, SECONDS * 1000L, integratedLoudness(file));
    }

    private static double integratedLoudness(Path file) throws IOException, InterruptedException {
        String report = run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-filter_complex", "ebur128", "-f", "null", "-"));
        Matcher matcher = INTEGRATED.matcher(report);
        Double last = null;
        while (matcher.find()) {
            last = Double.parseDouble(matcher.group(1));
        }
        if (last == null) {
            throw new IOException("ffmpeg ebur128 printed no integrated loudness:\n" + report);
        }
        return last;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}

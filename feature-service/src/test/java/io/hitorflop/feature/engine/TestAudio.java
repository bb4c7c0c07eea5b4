package io.hitorflop.feature.engine;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Test signals with known truth, synthesised in Java or by ffmpeg, written into a test's temp dir. */
final class TestAudio {

    static final int RATE = 44_100;

    private TestAudio() {
    }

    /** Runs ffmpeg with the given arguments and returns its stderr; fails the test on a non-zero exit. */
    static String ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            byte[] stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ffmpeg timed out: " + command);
            }
            String text = new String(stderr, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("ffmpeg exit " + process.exitValue() + " for " + command + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run ffmpeg", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A stereo song-like signal as 16-bit WAV: drums at 124 BPM under cadences in A minor, 20 s, the
     * drums 8 dB under the chords and panned apart from them.
     */
    static Path stereoSong(Path file) {
        int rate = RATE;
        float[] drums = drumPattern(124, 20, rate, 3);
        float[] chords = chordProgression(9, false, 20, rate);
        float[] left = new float[drums.length];
        float[] right = new float[drums.length];
        for (int i = 0; i < drums.length; i++) {
            left[i] = 0.5f * (0.4f * drums[i] + 0.8f * chords[i]);
            right[i] = 0.5f * (0.32f * drums[i] + chords[i]);
        }
        return writeWav(file, rate, left, right);
    }

    /** Writes 16-bit PCM WAV, one array per channel, values in [-1, 1]. */
    static Path writeWav(Path file, int rate, float[]... channels) {
        int frames = channels[0].length;
        byte[] bytes = new byte[frames * channels.length * 2];
        int index = 0;
        for (int frame = 0; frame < frames; frame++) {
            for (float[] channel : channels) {
                int value = Math.max(-32768, Math.min(32767, Math.round(channel[frame] * 32767f)));
                bytes[index++] = (byte) value;
                bytes[index++] = (byte) (value >> 8);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels.length, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes), format, frames)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
        return file;
    }

    /** A 2 kHz click of 10 ms, decaying, on every beat. */
    static float[] clickTrack(double bpm, double seconds, int rate) {
        float[] signal = new float[(int) (seconds * rate)];
        double period = 60.0 / bpm;
        for (double beat = 0; beat < seconds; beat += period) {
            addBurst(signal, rate, beat, 0.010, 0.8, 2000, 300);
        }
        return signal;
    }

    /**
     * Rock beat: kick on beats 1 and 3, snare on 2 and 4, closed hi-hat on every eighth note, quieter
     * than kick and snare (peaks: kick 0.8 plus a 0.6 beater click, snare 0.8, hi-hat 0.12).
     */
    static float[] drumPattern(double bpm, double seconds, int rate, long seed) {
        float[] signal = new float[(int) (seconds * rate)];
        Random noise = new Random(seed);
        double beat = 60.0 / bpm;
        int index = 0;
        for (double time = 0; time < seconds; time += beat / 2, index++) {
            boolean onBeat = index % 2 == 0;
            int beatInBar = (index / 2) % 4;
            if (onBeat && (beatInBar == 0 || beatInBar == 2)) {
                addKick(signal, rate, time, noise);
            } else if (onBeat) {
                addNoiseBurst(signal, rate, time, 0.12, 0.8, 25, noise);
            }
            addNoiseBurst(signal, rate, time, 0.03, 0.12, 150, noise);
        }
        return signal;
    }

    /** Ordinary drum patterns (no beater click on the kick: a pitched sine body only), hi-hats high-passed noise. */
    enum Groove {
        /** Kick on 1 and 3, snare on 2 and 4, closed hi-hat on every eighth note. */
        ROCK,
        /** Kick on every beat, closed hi-hat on the off-beats (the "and"s). */
        KICK_OFFBEAT_HATS,
        /** Four-on-the-floor kick, open hi-hat on the off-beats. */
        FOUR_ON_THE_FLOOR_OPEN_HATS,
        /**
         * Half-time feel at a fast notated tempo: kick on 1, snare on 3, closed hi-hat on every notated
         * beat. The felt tempo, half the notated one, is the truth (the snare is the backbeat).
         */
        HALF_TIME,
        /** ROCK over a sustained chord bed (bass and triad) that changes on every bar. */
        ROCK_WITH_CHORDS
    }

    static float[] groove(Groove groove, double bpm, double seconds, int rate, long seed) {
        float[] signal = new float[(int) (seconds * rate)];
        Random noise = new Random(seed);
        double beat = 60.0 / bpm;
        int eighth = 0;
        for (double time = 0; time < seconds; time += beat / 2, eighth++) {
            boolean onBeat = eighth % 2 == 0;
            int beatInBar = (eighth / 2) % 4;
            switch (groove) {
                case ROCK, ROCK_WITH_CHORDS -> {
                    if (onBeat && beatInBar % 2 == 0) {
                        addPlainKick(signal, rate, time);
                    } else if (onBeat) {
                        addSnare(signal, rate, time, noise);
                    }
                    addHat(signal, rate, time, 0.25, 0.04, 150, noise);
                }
                case KICK_OFFBEAT_HATS -> {
                    if (onBeat) {
                        addPlainKick(signal, rate, time);
                    } else {
                        addHat(signal, rate, time, 0.35, 0.04, 150, noise);
                    }
                }
                case FOUR_ON_THE_FLOOR_OPEN_HATS -> {
                    if (onBeat) {
                        addPlainKick(signal, rate, time);
                    } else {
                        addHat(signal, rate, time, 0.3, Math.min(0.25, beat / 2), 12, noise);
                    }
                }
                case HALF_TIME -> {
                    if (onBeat && beatInBar == 0) {
                        addPlainKick(signal, rate, time);
                    } else if (onBeat && beatInBar == 2) {
                        addSnare(signal, rate, time, noise);
                    }
                    if (onBeat) {
                        addHat(signal, rate, time, 0.25, 0.04, 150, noise);
                    }
                }
            }
        }
        if (groove == Groove.ROCK_WITH_CHORDS) {
            addChordBed(signal, rate, 4 * beat);
        }
        return signal;
    }

    /** I-IV-V-vi in C, one chord per bar, bass in octave 3 and the triad in octave 4, held (no re-attack within the bar). */
    private static void addChordBed(float[] signal, int rate, double barSeconds) {
        int[][] chords = {{0, 4, 7}, {5, 9, 12}, {7, 11, 14}, {9, 12, 16}};
        int bar = 0;
        for (double start = 0; start * rate < signal.length; start += barSeconds, bar++) {
            int[] notes = chords[bar % chords.length];
            int from = (int) Math.round(start * rate);
            int to = Math.min(signal.length, (int) Math.round((start + barSeconds) * rate));
            addNote(signal, rate, from, to, 48 + notes[0], 0.15);
            for (int note : notes) {
                addNote(signal, rate, from, to, 60 + note, 0.08);
            }
        }
    }

    /** A kick drum as a pitch-falling sine (150 to 50 Hz), no beater click. */
    private static void addPlainKick(float[] signal, int rate, double at) {
        int start = (int) Math.round(at * rate);
        int end = Math.min(signal.length, start + (int) (0.25 * rate));
        double phase = 0;
        for (int i = start; i < end; i++) {
            double t = (double) (i - start) / rate;
            double frequency = 50 + 100 * Math.exp(-30 * t);
            phase += 2 * Math.PI * frequency / rate;
            signal[i] += (float) (0.9 * Math.exp(-12 * t) * Math.sin(phase));
        }
    }

    /** A snare: a 180 Hz shell tone and a noise burst. */
    private static void addSnare(float[] signal, int rate, double at, Random noise) {
        addBurst(signal, rate, at, 0.12, 0.4, 180, 25);
        addNoiseBurst(signal, rate, at, 0.15, 0.6, 25, noise);
    }

    /** A hi-hat: first difference of white noise (rising 6 dB/octave, little below 2 kHz), decaying. */
    private static void addHat(float[] signal, int rate, double at, double amplitude, double length, double decay,
                               Random noise) {
        int start = (int) Math.round(at * rate);
        int end = Math.min(signal.length, start + (int) (length * rate));
        double previous = 0;
        for (int i = start; i < end; i++) {
            double t = (double) (i - start) / rate;
            double white = 2 * noise.nextDouble() - 1;
            signal[i] += (float) (amplitude * Math.exp(-decay * t) * 0.5 * (white - previous));
            previous = white;
        }
    }

    /** Sums b into a (same length); returns a. */
    static float[] mix(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /**
     * Cadences in one key, each chord one second, bass root in octave 3 and the triad in octave 4,
     * notes with four harmonics. Major: I-IV-V-I-vi-ii-V-I. Minor (harmonic): i-iv-V-i-VI-iv-V-i.
     */
    static float[] chordProgression(int tonic, boolean major, double seconds, int rate) {
        int[][] degrees = major
                ? new int[][] {{0, 4, 7}, {5, 9, 12}, {7, 11, 14}, {0, 4, 7}, {9, 12, 16}, {2, 5, 9}, {7, 11, 14}, {0, 4, 7}}
                : new int[][] {{0, 3, 7}, {5, 8, 12}, {7, 11, 14}, {0, 3, 7}, {8, 12, 15}, {5, 8, 12}, {7, 11, 14}, {0, 3, 7}};
        float[] signal = new float[(int) (seconds * rate)];
        int chordSamples = rate;
        for (int chord = 0; chord * chordSamples < signal.length; chord++) {
            int[] notes = degrees[chord % degrees.length];
            int start = chord * chordSamples;
            int end = Math.min(signal.length, start + chordSamples);
            addNote(signal, rate, start, end, 48 + tonic + notes[0], 0.20);
            for (int note : notes) {
                addNote(signal, rate, start, end, 60 + tonic + note, 0.12);
            }
        }
        return signal;
    }

    private static void addNote(float[] signal, int rate, int start, int end, int midi, double amplitude) {
        double frequency = 440.0 * Math.pow(2, (midi - 69) / 12.0);
        for (int i = start; i < end; i++) {
            double t = (double) (i - start) / rate;
            double envelope = Math.min(1.0, t / 0.01) * Math.exp(-1.5 * t) * Math.min(1.0, (end - i) / (0.01 * rate));
            double value = 0;
            double harmonicGain = 1.0;
            for (int harmonic = 1; harmonic <= 4; harmonic++) {
                value += harmonicGain * Math.sin(2 * Math.PI * harmonic * frequency * t);
                harmonicGain *= 0.5;
            }
            signal[i] += (float) (amplitude * envelope * value);
        }
    }

    private static void addBurst(float[] signal, int rate, double at, double length, double amplitude,
                                 double frequency, double decay) {
        int start = (int) Math.round(at * rate);
        int end = Math.min(signal.length, start + (int) (length * rate));
        for (int i = start; i < end; i++) {
            double t = (double) (i - start) / rate;
            signal[i] += (float) (amplitude * Math.exp(-decay * t) * Math.sin(2 * Math.PI * frequency * t));
        }
    }

    /** A pitch-falling sine body with the broadband click of the beater at its start. */
    private static void addKick(float[] signal, int rate, double at, Random noise) {
        addNoiseBurst(signal, rate, at, 0.01, 0.6, 400, noise);
        int start = (int) Math.round(at * rate);
        int end = Math.min(signal.length, start + (int) (0.2 * rate));
        double phase = 0;
        for (int i = start; i < end; i++) {
            double t = (double) (i - start) / rate;
            double frequency = 50 + 100 * Math.exp(-30 * t);
            phase += 2 * Math.PI * frequency / rate;
            signal[i] += (float) (0.8 * Math.exp(-15 * t) * Math.sin(phase));
        }
    }

    private static void addNoiseBurst(float[] signal, int rate, double at, double length, double amplitude,
                                      double decay, Random noise) {
        int start = (int) Math.round(at * rate);
        int end = Math.min(signal.length, start + (int) (length * rate));
        for (int i = start; i < end; i++) {
            double t = (double) (i - start) / rate;
            signal[i] += (float) (amplitude * Math.exp(-decay * t) * (2 * noise.nextDouble() - 1));
        }
    }
}

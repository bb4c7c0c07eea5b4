package io.hitorflop.feature.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated signals through the real engine and the check at its default thresholds: what is not
 * music is refused by the named test, and music of every kind the other tests use passes, including
 * the songs the end-to-end tests upload (their ffmpeg expressions, from e2e-tests' TestSong and
 * SynthesizedSong).
 */
@Tag("integration")
class MusicalContentCheckTest {

    private static final int SECONDS = 10;
    /** e2e TestSong: G major triads I-IV-V-I, one bar each, over a kick on every beat at 100 BPM. */
    private static final String E2E_TEST_SONG = "aevalsrc=exprs='0.12*(sin(2*PI*if(eq(mod(floor(t/2.4),4),1),130.81,"
            + "if(eq(mod(floor(t/2.4),4),2),146.83,196.00))*t)+sin(2*PI*if(eq(mod(floor(t/2.4),4),1),164.81,"
            + "if(eq(mod(floor(t/2.4),4),2),185.00,246.94))*t)+sin(2*PI*if(eq(mod(floor(t/2.4),4),1),196.00,"
            + "if(eq(mod(floor(t/2.4),4),2),220.00,293.66))*t)+0.8*sin(PI*if(eq(mod(floor(t/2.4),4),1),130.81,"
            + "if(eq(mod(floor(t/2.4),4),2),146.83,196.00))*t))+0.6*sin(2*PI*(50+80*exp(-mod(t,0.6)*30))*mod(t,0.6))"
            + "*exp(-mod(t,0.6)*12)':sample_rate=44100";
    /** e2e SynthesizedSong: an A minor chord over a 120 BPM kick. */
    private static final String E2E_SYNTHESIZED_SONG = "aevalsrc=exprs='0.15*(sin(2*PI*220*t)+sin(2*PI*261.63*t)"
            + "+sin(2*PI*329.63*t))+0.6*sin(2*PI*(50+80*exp(-mod(t,0.5)*30))*mod(t,0.5))*exp(-mod(t,0.5)*12)'"
            + ":sample_rate=44100";

    @TempDir
    static Path dir;
    private static FeatureEngine engine;
    private static final MusicalContentCheck CHECK = new MusicalContentCheck(MusicalContentCheck.Thresholds.defaults());

    @BeforeAll
    static void engine() {
        engine = new FeatureEngine(EngineSettings.defaults());
    }

    static Stream<Arguments> notMusic() {
        return Stream.of(
                Arguments.of("digital silence", lavfi("anullsrc=r=44100:cl=stereo"), "silence: "),
                Arguments.of("white noise at -60 dBFS (a noise floor)", lavfi("anoisesrc=r=44100:a=0.001:c=white:seed=1"),
                        "no beats (pulse strength 0.00, below 0.30) and no key"),
                Arguments.of("white noise", lavfi("anoisesrc=r=44100:a=0.5:c=white:seed=2"), "no beats"),
                Arguments.of("pink noise", lavfi("anoisesrc=r=44100:a=0.5:c=pink:seed=3"), "no beats"),
                Arguments.of("8 s of brown noise (the tempo estimator finds a pulse of 0.1 in it)",
                        lavfi("anoisesrc=r=44100:a=0.5:c=brown:seed=10", 8), "no beats"),
                Arguments.of("a 3 s clip of white noise", lavfi("anoisesrc=r=44100:a=0.3:c=white:seed=22", 3), "no beats"),
                Arguments.of("a 1 kHz test tone", lavfi("sine=frequency=1000:sample_rate=44100"), "no key"),
                Arguments.of("a 60 Hz hum with two harmonics (it correlates 0.6 with a key)",
                        lavfi("aevalsrc=0.3*sin(2*PI*60*t)+0.15*sin(2*PI*120*t)+0.1*sin(2*PI*180*t):s=44100"),
                        "a steady tone: "));
    }

    static Stream<Arguments> music() {
        return Stream.of(
                Arguments.of("a click track (beats, no key)", wav(rate -> TestAudio.clickTrack(120, SECONDS, rate))),
                Arguments.of("a rock drum groove", wav(rate -> TestAudio.groove(TestAudio.Groove.ROCK, 110, SECONDS, rate, 1))),
                Arguments.of("a chord bed without drums", wav(rate -> TestAudio.chordProgression(2, true, SECONDS, rate))),
                Arguments.of("a minor chord bed without drums", wav(rate -> TestAudio.chordProgression(9, false, SECONDS, rate))),
                Arguments.of("drums over chords", wav(rate -> TestAudio.groove(TestAudio.Groove.ROCK_WITH_CHORDS, 90,
                        SECONDS, rate, 2))),
                Arguments.of("a tone beeping every second", lavfi("sine=frequency=440:beep_factor=3:sample_rate=44100")),
                Arguments.of("the e2e TestSong", lavfi(E2E_TEST_SONG)),
                Arguments.of("the e2e SynthesizedSong", lavfi(E2E_SYNTHESIZED_SONG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notMusic")
    void isRefusedAsNotMusic(String signal, Path file, String reason) throws Exception {
        Optional<String> refusal = CHECK.whyNotMusic(engine.analyze(file));

        assertThat(refusal).as(signal).hasValueSatisfying(text -> assertThat(text).contains(reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("music")
    void isMusic(String signal, Path file) throws Exception {
        assertThat(CHECK.whyNotMusic(engine.analyze(file))).as(signal).isEmpty();
    }

    private static Path lavfi(String source) {
        return lavfi(source, SECONDS);
    }

    private static Path lavfi(String source, int seconds) {
        Path file = dir.resolve(Integer.toHexString(source.hashCode()) + "-" + seconds + ".wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", source, "-t", Integer.toString(seconds), file.toString());
        return file;
    }

    private static Path wav(Function<Integer, float[]> signal) {
        Path file = dir.resolve("generated-" + System.nanoTime() + ".wav");
        return TestAudio.writeWav(file, TestAudio.RATE, signal.apply(TestAudio.RATE));
    }
}

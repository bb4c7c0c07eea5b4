package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

@Tag("integration")
class FlacTranscoderTest {

    @TempDir
    Path dir;

    private final FlacTranscoder transcoder = new FlacTranscoder("ffmpeg");
    private final AudioProber prober = new AudioProber("ffprobe");

    @Test
    void keepsTheOriginalChannelsSampleRateAndDuration() throws Exception {
        Path mp3 = TestAudio.sine(dir.resolve("tone.mp3"), 3, 32_000, 1);
        Path flac = dir.resolve("out.flac");

        transcoder.transcode(mp3, flac, new DeadlineProcessFunction(Duration.ofSeconds(30)));

        ProbedAudio transcoded = prober.probe(flac, new DeadlineProcessFunction(Duration.ofSeconds(30)));
        assertThat(transcoded.codec()).isEqualTo("flac");
        assertThat(transcoded.channels()).isEqualTo(1);
        assertThat(transcoded.sampleRate()).isEqualTo(32_000);
        assertThat(transcoded.duration().toMillis()).isBetween(2_900L, 3_100L);
    }

    @Test
    void ffmpegStillRunningAtTheDeadlineIsKilled() throws Exception {
        Path neverWritten = dir.resolve("stalled.wav");
        assertThat(new ProcessBuilder("mkfifo", neverWritten.toString()).start().waitFor()).isZero();
        long started = System.nanoTime();

        assertThatThrownBy(() -> transcoder.transcode(neverWritten, dir.resolve("out.flac"),
                new DeadlineProcessFunction(Duration.ofMillis(800))))
                .isInstanceOf(AudioRejectedException.class)
                .hasMessageContaining("longer than the limit");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDeadlineThatHasPassedStopsTheJobWithATimeoutRejection() throws Exception {
        Path wav = TestAudio.sine(dir.resolve("tone.wav"), 1, 44_100, 2);
        // A zero budget has passed by the time ffprobe would start: the clock never runs backwards.
        DeadlineProcessFunction passed = new DeadlineProcessFunction(Duration.ZERO);

        assertThatThrownBy(() -> transcoder.transcode(wav, dir.resolve("out.flac"), passed))
                .asInstanceOf(type(AudioRejectedException.class))
                .satisfies(rejected -> {
                    assertThat(rejected.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO);
                    assertThat(rejected.getMessage()).contains("longer than the limit");
                });
        assertThat(Files.exists(dir.resolve("out.flac"))).isFalse();
    }
}

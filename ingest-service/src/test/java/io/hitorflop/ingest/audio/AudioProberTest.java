package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

@Tag("integration")
class AudioProberTest {

    @TempDir
    Path dir;

    private final AudioProber prober = new AudioProber("ffprobe");

    @Test
    void readsChannelsRateAndDurationOfTheAudioStream() throws Exception {
        Path wav = TestAudio.sine(dir.resolve("tone.wav"), 2.5, 48_000, 2);

        ProbedAudio probed = prober.probe(wav, new DeadlineProcessFunction(Duration.ofSeconds(30))).audio();

        assertThat(probed.container()).isEqualTo("wav");
        assertThat(probed.channels()).isEqualTo(2);
        assertThat(probed.sampleRate()).isEqualTo(48_000);
        assertThat(probed.duration().toMillis()).isBetween(2_490L, 2_510L);
    }

    @Test
    void textIsRejectedWithFfprobesReason() throws Exception {
        Path text = Files.writeString(dir.resolve("song.bin"), "this is not audio at all");

        assertThatThrownBy(() -> prober.probe(text, new DeadlineProcessFunction(Duration.ofSeconds(30))))
                .asInstanceOf(type(AudioRejectedException.class))
                .satisfies(rejected -> {
                    assertThat(rejected.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO);
                    assertThat(rejected.getMessage()).isEqualTo("ffprobe: Invalid data found when processing input");
                });
    }

    @Test
    void anEmptyFileIsRejected() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.wav"));

        assertThatThrownBy(() -> prober.probe(empty, new DeadlineProcessFunction(Duration.ofSeconds(30))))
                .isInstanceOf(AudioRejectedException.class)
                .hasMessageStartingWith("ffprobe: ");
    }

    @Test
    void mediaWithoutAnAudioStreamIsRejected() throws Exception {
        Path png = TestAudio.image(dir.resolve("cover.png"));

        assertThatThrownBy(() -> prober.probe(png, new DeadlineProcessFunction(Duration.ofSeconds(30))))
                .isInstanceOf(AudioRejectedException.class)
                .hasMessage("ffprobe: the file has no audio stream");
    }

    @Test
    void aMissingFfprobeFailsTheProbe() throws Exception {
        Path wav = TestAudio.sine(dir.resolve("tone.wav"), 1, 44_100, 1);

        assertThatThrownBy(() -> new AudioProber(dir.resolve("no-ffprobe").toString())
                .probe(wav, new DeadlineProcessFunction(Duration.ofSeconds(30))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-ffprobe");
    }
}

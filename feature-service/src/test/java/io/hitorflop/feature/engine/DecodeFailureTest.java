package io.hitorflop.feature.engine;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.feature.engine.decode.AudioDecodeException;
import io.hitorflop.feature.engine.decode.FfmpegPcmDecoder;
import io.hitorflop.feature.engine.decode.PcmDecoding;
import io.hitorflop.audiostore.ProbedAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Non-audio, corrupt, empty and over-long input is rejected with a typed problem and ffmpeg's
 * reason; a decode past its deadline is killed; and no ffmpeg process outlives a
 * call on any of these paths.
 */
@Tag("integration")
class DecodeFailureTest {

    @TempDir
    Path dir;

    private final FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());

    @AfterEach
    void noChildProcessLeftBehind() {
        await("ffmpeg processes left running").atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.current().children()
                        .noneMatch(child -> child.info().command().map(c -> c.contains("ffmpeg")).orElse(false)));
    }

    @Test
    void textIsRejectedWithFfmpegsReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp3"), "this is not audio at all, just text\n".repeat(50));

        assertThatThrownBy(() -> engine.analyze(text))
                .isInstanceOfSatisfying(AudioRejectedException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO);
                    assertThat(e.getMessage()).matches("(?s)ffmpeg: \\S.+");
                });
    }

    @Test
    void emptyAndMissingFilesAreRejected() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.wav"));

        assertThatThrownBy(() -> engine.analyze(empty))
                .isInstanceOfSatisfying(AudioRejectedException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.analyze(dir.resolve("missing.wav")))
                .isInstanceOfSatisfying(AudioRejectedException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO))
                .hasMessageContaining("no such file");
    }

    @Test
    void videoWithoutAudioIsRejected() {
        Path image = dir.resolve("picture.png");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=32x32", "-frames:v", "1", image.toString());

        assertThatThrownBy(() -> engine.analyze(image))
                .isInstanceOfSatisfying(AudioRejectedException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO))
                .hasMessageContaining("no audio stream");
    }

    @Test
    void truncatedCompressedAudioIsRejected() throws IOException {
        Path flac = dir.resolve("tone.flac");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=5", flac.toString());
        byte[] bytes = Files.readAllBytes(flac);
        // keep the container header, replace the frames with garbage
        byte[] corrupt = Arrays.copyOf(bytes, bytes.length);
        for (int i = 200; i < corrupt.length; i++) {
            corrupt[i] = (byte) (i * 31);
        }
        Path broken = Files.write(dir.resolve("broken.flac"), corrupt);

        assertThatThrownBy(() -> engine.analyze(broken))
                .isInstanceOfSatisfying(AudioRejectedException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO));
    }

    @Test
    void audioLongerThanTheLimitIsRejected() {
        Path tone = dir.resolve("tone.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=12", tone.toString());
        FeatureEngine strict = new FeatureEngine(EngineSettings.defaults().withMaxDuration(Duration.ofSeconds(10)));

        assertThatThrownBy(() -> strict.analyze(tone))
                .isInstanceOfSatisfying(AudioRejectedException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.AUDIO_TOO_LONG))
                .hasMessageContaining("limit");
    }

    @Test
    void aDecodePastTheDeadlineIsKilled() {
        // analysing 5 minutes takes far longer than 300 ms, so ffmpeg is killed mid-stream (or, on a
        // machine so loaded that opening the file alone takes 300 ms, before its first sample)
        Path longTrack = dir.resolve("long.flac");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=sample_rate=44100:duration=300:amplitude=0.1", "-ac", "2",
                "-compression_level", "0", longTrack.toString());
        FeatureEngine hurried = new FeatureEngine(EngineSettings.defaults().withDecodeTimeout(Duration.ofMillis(300)));

        assertThatThrownBy(() -> hurried.analyze(longTrack))
                .isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("killed after");
    }

    @Test
    void aConsumerThatFailsMidStreamStopsFfmpeg() throws AudioRejectedException {
        Path longTrack = dir.resolve("long.flac");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=sample_rate=44100:duration=120:amplitude=0.1", "-ac", "2",
                "-compression_level", "0", longTrack.toString());
        EngineSettings settings = EngineSettings.defaults();

        try (PcmDecoding decoding = new FfmpegPcmDecoder(settings.ffmpegPath(), settings.decodeTimeout()).start(longTrack)) {
            ProbedAudio probed = decoding.probe(settings.maxDuration());
            assertThatThrownBy(() -> decoding.readInto(probed, Long.MAX_VALUE, (samples, frames) -> {
                throw new IllegalStateException("analysis failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("analysis failed");
        }
    }

    @Test
    void aMissingFfmpegIsATypedFailure() {
        // not WAVE, which is read without ffmpeg
        Path tone = dir.resolve("tone.flac");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=2", tone.toString());
        FeatureEngine broken = new FeatureEngine(new EngineSettings("/nonexistent/ffmpeg",
                Duration.ofSeconds(30), Duration.ofHours(1), 22_050));

        assertThatThrownBy(() -> broken.analyze(tone))
                .isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("cannot start /nonexistent/ffmpeg");
    }
}

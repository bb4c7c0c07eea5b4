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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

@Tag("integration")
class FfmpegAudioWriterTest {

    @TempDir
    Path dir;

    /** MD5 of nothing: what ffmpeg's md5 muxer prints when not one sample was decoded. */
    private static final String NO_SAMPLES_MD5 = "MD5=d41d8cd98f00b204e9800998ecf8427e";

    private final FfmpegAudioWriter writer = new FfmpegAudioWriter("ffmpeg");
    private final AudioProber prober = new AudioProber("ffprobe");

    @Test
    void keepsTheOriginalChannelsSampleRateAndDuration() throws Exception {
        Path mp3 = TestAudio.sine(dir.resolve("tone.mp3"), 3, 32_000, 1);
        Path flac = dir.resolve("out.flac");

        writer.transcodeToFlac(mp3, flac, new DeadlineProcessFunction(Duration.ofSeconds(30)));

        ProbedAudio transcoded = prober.probe(flac, new DeadlineProcessFunction(Duration.ofSeconds(30))).audio();
        assertThat(transcoded.codec()).isEqualTo("flac");
        assertThat(transcoded.channels()).isEqualTo(1);
        assertThat(transcoded.sampleRate()).isEqualTo(32_000);
        assertThat(transcoded.duration().toMillis()).isBetween(2_900L, 3_100L);
    }

    @Test
    void aCopiedStreamDecodesToTheUploadsSamplesWithoutTagsOrCoverArt() throws Exception {
        Map<String, String[]> encodings = new LinkedHashMap<>();
        encodings.put("flac", new String[] {"-c:a", "flac"});
        encodings.put("oga", new String[] {"-c:a", "flac", "-f", "ogg"});
        encodings.put("mp3", new String[] {"-c:a", "libmp3lame"});
        encodings.put("ogg", new String[] {"-c:a", "libvorbis"});
        encodings.put("opus", new String[] {"-c:a", "libopus"});
        encodings.put("m4a", new String[] {"-c:a", "aac"});
        encodings.put("webm", new String[] {"-c:a", "libopus"});

        for (Map.Entry<String, String[]> encoding : encodings.entrySet()) {
            Path plain = TestAudio.encodedSine(dir.resolve("plain." + encoding.getKey()), 3, encoding.getValue());
            // Ogg has no place for a picture stream
            Path upload = Set.of("flac", "mp3", "m4a").contains(encoding.getKey())
                    ? TestAudio.withTitleAndCoverArt(plain, dir.resolve("upload." + encoding.getKey())) : plain;
            KeptFormat format = KeptFormat.of(probe(upload)).orElseThrow();
            Path copy = dir.resolve("copy." + format.extension());

            writer.copyAudio(upload, copy, format, new DeadlineProcessFunction(Duration.ofSeconds(30)));

            assertThat(TestAudio.decodedSamplesMd5(copy)).as("samples of the copied %s", encoding.getKey())
                    .isEqualTo(TestAudio.decodedSamplesMd5(upload));
            assertThat(ffprobeStreamsAndTags(copy)).as("streams and tags of the copied %s", encoding.getKey())
                    .containsOnlyOnce("codec_type=audio")
                    .doesNotContain("codec_type=video")
                    .doesNotContain(TestAudio.TITLE);
            assertThat(KeptFormat.of(probe(copy))).as("the copy of %s is still its format", encoding.getKey()).contains(format);
        }
    }

    /**
     * Decoding is left to the feature service: a FLAC whose frames are noise passes the probe, its copy
     * holds no decodable sample, and the feature engine refuses it (unsupported-audio, "ffmpeg decoded
     * no samples"; feature-service's KeptUploadAnalysisTest). The FLAC transcode did not catch it either:
     * ffmpeg ends with status 0 after decoding errors and writes an empty FLAC.
     */
    @Test
    void aStreamOfUndecodableFramesIsCopiedForTheFeatureServiceToRefuse() throws Exception {
        Path flac = TestAudio.encodedSine(dir.resolve("tone.flac"), 5, "-c:a", "flac");
        Path corrupt = noiseFrom(flac, 200, dir.resolve("corrupt.flac"));
        KeptFormat format = KeptFormat.of(probe(corrupt)).orElseThrow();
        Path copy = dir.resolve("copy.flac");
        Path transcoded = dir.resolve("transcoded.flac");

        writer.copyAudio(corrupt, copy, format, new DeadlineProcessFunction(Duration.ofSeconds(30)));
        writer.transcodeToFlac(corrupt, transcoded, new DeadlineProcessFunction(Duration.ofSeconds(30)));

        assertThat(TestAudio.decodedSamplesMd5(copy)).isEqualTo(NO_SAMPLES_MD5);
        assertThat(TestAudio.decodedSamplesMd5(transcoded)).isEqualTo(NO_SAMPLES_MD5);
    }

    @Test
    void aMissingFfmpegFailsTheWrite() throws Exception {
        Path mp3 = TestAudio.encodedSine(dir.resolve("tone.mp3"), 1, "-c:a", "libmp3lame");

        assertThatThrownBy(() -> new FfmpegAudioWriter(dir.resolve("no-ffmpeg").toString())
                .copyAudio(mp3, dir.resolve("copy.mp3"), KeptFormat.MP3, new DeadlineProcessFunction(Duration.ofSeconds(30))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-ffmpeg");
    }

    @Test
    void ffmpegStillRunningAtTheDeadlineIsKilled() throws Exception {
        Path neverWritten = dir.resolve("stalled.wav");
        assertThat(new ProcessBuilder("mkfifo", neverWritten.toString()).start().waitFor()).isZero();
        long started = System.nanoTime();

        assertThatThrownBy(() -> writer.transcodeToFlac(neverWritten, dir.resolve("out.flac"),
                new DeadlineProcessFunction(Duration.ofMillis(800))))
                .isInstanceOf(AudioRejectedException.class)
                .hasMessageContaining("longer than the limit");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCopyPastTheDeadlineIsStoppedLikeATranscode() throws Exception {
        Path mp3 = TestAudio.encodedSine(dir.resolve("tone.mp3"), 1, "-c:a", "libmp3lame");
        DeadlineProcessFunction passed = new DeadlineProcessFunction(Duration.ZERO);

        assertThatThrownBy(() -> writer.copyAudio(mp3, dir.resolve("copy.mp3"), KeptFormat.MP3, passed))
                .isInstanceOf(AudioRejectedException.class)
                .hasMessageContaining("longer than the limit");
        assertThat(Files.exists(dir.resolve("copy.mp3"))).isFalse();
    }

    @Test
    void aDeadlineThatHasPassedStopsTheJobWithATimeoutRejection() throws Exception {
        Path wav = TestAudio.sine(dir.resolve("tone.wav"), 1, 44_100, 2);
        // A zero budget has passed by the time ffprobe would start: the clock never runs backwards.
        DeadlineProcessFunction passed = new DeadlineProcessFunction(Duration.ZERO);

        assertThatThrownBy(() -> writer.transcodeToFlac(wav, dir.resolve("out.flac"), passed))
                .asInstanceOf(type(AudioRejectedException.class))
                .satisfies(rejected -> {
                    assertThat(rejected.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO);
                    assertThat(rejected.getMessage()).contains("longer than the limit");
                });
        assertThat(Files.exists(dir.resolve("out.flac"))).isFalse();
    }

    private ProbedUpload probe(Path file) throws Exception {
        return prober.probe(file, new DeadlineProcessFunction(Duration.ofSeconds(30)));
    }

    private static String ffprobeStreamsAndTags(Path file) throws Exception {
        Process process = new ProcessBuilder("ffprobe", "-v", "error", "-show_streams", "-show_format", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** {@code file} with every byte from {@code offset} on replaced by noise (the FLAC header is 42 bytes). */
    private static Path noiseFrom(Path file, int offset, Path corrupt) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        byte[] noise = new byte[bytes.length - offset];
        new Random(16).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, offset, noise.length);
        return Files.write(corrupt, bytes);
    }
}

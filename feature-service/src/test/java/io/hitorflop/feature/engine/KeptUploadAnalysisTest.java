package io.hitorflop.feature.engine;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Since issue 16 ingest stores an MP3, Ogg (Vorbis, Opus, FLAC) or AAC/M4A upload as its audio
 * stream copied into a fresh file ({@code ffmpeg -map 0:a:0 -map_metadata -1 -c:a copy}) instead of
 * transcoding it to FLAC ({@code -c:a flac}). A song must measure the same either way: the copy
 * decodes to the upload's own float samples, the FLAC to those samples rounded to 16 bits, so the
 * features may differ by that rounding only (tolerances far inside the DSP tests': tempo 0.1 %,
 * loudness 0.02 LU, duration 30 ms for AAC's priming samples the FLAC keeps).
 */
@Tag("integration")
class KeptUploadAnalysisTest {

    @TempDir
    static Path dir;
    static FeatureEngine engine;
    static Path wav;

    @BeforeAll
    static void song() {
        engine = new FeatureEngine(EngineSettings.defaults());
        wav = TestAudio.stereoSong(dir.resolve("song.wav"));
    }

    @Test
    void aKeptUploadMeasuresAsItsFlacTranscodeDid() throws Exception {
        Map<String, List<String>> encodings = new LinkedHashMap<>();
        encodings.put("mp3", List.of("-c:a", "libmp3lame", "-b:a", "192k"));
        encodings.put("ogg", List.of("-c:a", "libvorbis", "-q:a", "5"));
        encodings.put("opus", List.of("-c:a", "libopus", "-b:a", "128k"));
        encodings.put("m4a", List.of("-c:a", "aac", "-b:a", "160k"));
        Map<String, String> muxers = Map.of("mp3", "mp3", "ogg", "ogg", "opus", "opus", "m4a", "ipod");

        for (Map.Entry<String, List<String>> encoding : encodings.entrySet()) {
            String format = encoding.getKey();
            Path upload = dir.resolve("upload." + format);
            List<String> encode = new ArrayList<>(List.of("-i", wav.toString()));
            encode.addAll(encoding.getValue());
            encode.add(upload.toString());
            TestAudio.ffmpeg(encode.toArray(String[]::new));
            Path kept = asIngestKeeps(upload, muxers.get(format), dir.resolve("kept." + format));
            Path flac = dir.resolve("transcoded-" + format + ".flac");
            TestAudio.ffmpeg("-i", upload.toString(), "-map", "0:a:0", "-map_metadata", "-1", "-c:a", "flac", "-f", "flac",
                    flac.toString());

            Map<String, Double> fromKept = engine.analyze(kept).modelFeatures();
            Map<String, Double> fromFlac = engine.analyze(flac).modelFeatures();
            System.out.printf(Locale.ROOT, "%-4s kept %s%n     flac %s%n", format, fromKept, fromFlac);

            assertThat(fromKept.get("key")).as("key of %s", format).isEqualTo(fromFlac.get("key"));
            assertThat(fromKept.get("mode")).as("mode of %s", format).isEqualTo(fromFlac.get("mode"));
            assertThat(fromKept.get("tempo")).as("tempo of %s", format)
                    .isCloseTo(fromFlac.get("tempo"), within(fromFlac.get("tempo") * 0.001));
            assertThat(fromKept.get("loudness")).as("loudness of %s", format).isCloseTo(fromFlac.get("loudness"), within(0.02));
            assertThat(fromKept.get("duration_ms")).as("duration of %s", format)
                    .isCloseTo(fromFlac.get("duration_ms"), within(30.0));
        }
    }

    /**
     * Ingest does not decode what it keeps: a FLAC whose frames are noise passes its probe and is
     * copied; here it fails with a reason (the job ends FAILED, unsupported-audio).
     */
    @Test
    void aKeptFlacWithoutDecodableFramesIsRefused() throws Exception {
        Path flac = dir.resolve("tone.flac");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=5", flac.toString());
        byte[] bytes = Files.readAllBytes(flac);
        byte[] noise = new byte[bytes.length - 200];
        new Random(16).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, 200, noise.length);
        Path kept = asIngestKeeps(Files.write(dir.resolve("corrupt.flac"), bytes), "flac", dir.resolve("kept-corrupt.flac"));

        assertThatThrownBy(() -> engine.analyze(kept))
                .isInstanceOfSatisfying(AudioRejectedException.class,
                        rejected -> assertThat(rejected.problemType()).isEqualTo(ProblemType.UNSUPPORTED_AUDIO))
                .hasMessage("ffmpeg decoded no samples");
    }

    /** What ingest's {@code FfmpegAudioWriter.copyAudio} runs. */
    private static Path asIngestKeeps(Path upload, String muxer, Path kept) {
        TestAudio.ffmpeg("-i", upload.toString(), "-vn", "-sn", "-map", "0:a:0", "-map_metadata", "-1", "-c:a", "copy",
                "-f", muxer, kept.toString());
        return kept;
    }
}

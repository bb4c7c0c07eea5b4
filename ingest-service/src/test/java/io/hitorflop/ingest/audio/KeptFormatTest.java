package io.hitorflop.ingest.audio;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which uploads the allow list keeps, on files ffmpeg generates and ffprobe reads. */
@Tag("integration")
class KeptFormatTest {

    @TempDir
    Path dir;

    private final AudioProber prober = new AudioProber("ffprobe");

    @Test
    void theAllowedCodecsInTheirContainersAreKeptEvenWithCoverArt() throws Exception {
        Path mp3 = TestAudio.encodedSine(dir.resolve("tone.mp3"), 2, "-c:a", "libmp3lame");
        Path flac = TestAudio.encodedSine(dir.resolve("tone.flac"), 2, "-c:a", "flac");
        Path m4a = TestAudio.encodedSine(dir.resolve("tone.m4a"), 2, "-c:a", "aac");
        Map<Path, KeptFormat> expected = new LinkedHashMap<>();
        expected.put(flac, KeptFormat.FLAC);
        expected.put(TestAudio.encodedSine(dir.resolve("flac.oga"), 2, "-c:a", "flac", "-f", "ogg"), KeptFormat.FLAC_IN_OGG);
        expected.put(mp3, KeptFormat.MP3);
        expected.put(TestAudio.encodedSine(dir.resolve("tone.ogg"), 2, "-c:a", "libvorbis"), KeptFormat.VORBIS);
        expected.put(TestAudio.encodedSine(dir.resolve("tone.opus"), 2, "-c:a", "libopus"), KeptFormat.OPUS);
        expected.put(m4a, KeptFormat.AAC_IN_MP4);
        expected.put(TestAudio.encodedSine(dir.resolve("opus.webm"), 2, "-c:a", "libopus"), KeptFormat.OPUS_IN_WEBM);
        expected.put(TestAudio.encodedSine(dir.resolve("vorbis.webm"), 2, "-c:a", "libvorbis"), KeptFormat.VORBIS_IN_WEBM);
        expected.put(TestAudio.withTitleAndCoverArt(mp3, dir.resolve("covered.mp3")), KeptFormat.MP3);
        expected.put(TestAudio.withTitleAndCoverArt(flac, dir.resolve("covered.flac")), KeptFormat.FLAC);
        expected.put(TestAudio.withTitleAndCoverArt(m4a, dir.resolve("covered.m4a")), KeptFormat.AAC_IN_MP4);

        for (Map.Entry<Path, KeptFormat> file : expected.entrySet()) {
            assertThat(keptFormatOf(file.getKey())).as(file.getKey().getFileName().toString()).contains(file.getValue());
        }
    }

    @Test
    void pcmOtherCodecsVideoAndSeveralAudioStreamsAreTranscoded() throws Exception {
        Path[] transcoded = {
                TestAudio.encodedSine(dir.resolve("tone.wav"), 2, "-c:a", "pcm_s16le"),
                TestAudio.encodedSine(dir.resolve("tone.aiff"), 2, "-c:a", "pcm_s16be"),
                TestAudio.encodedSine(dir.resolve("alac.m4a"), 2, "-c:a", "alac"),
                TestAudio.encodedSine(dir.resolve("mp3-in.mka"), 2, "-c:a", "libmp3lame"),
                TestAudio.encodedSine(dir.resolve("two-streams.ogg"), 2, "-filter_complex", "asplit[a][b]",
                        "-map", "[a]", "-map", "[b]", "-c:a", "libvorbis"),
                TestAudio.encodedSine(dir.resolve("video.mp4"), 2, "-f", "lavfi", "-i", "color=c=red:s=32x32:d=2",
                        "-c:a", "aac", "-c:v", "mpeg4"),
        };

        for (Path file : transcoded) {
            assertThat(keptFormatOf(file)).as(file.getFileName().toString()).isEmpty();
        }
    }

    private Optional<KeptFormat> keptFormatOf(Path file) throws Exception {
        return KeptFormat.of(prober.probe(file, new DeadlineProcessFunction(Duration.ofSeconds(30))));
    }
}

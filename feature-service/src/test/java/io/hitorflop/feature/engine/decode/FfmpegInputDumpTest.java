package io.hitorflop.feature.engine.decode;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The "Input #0" sections below are ffmpeg 5.1's own output for the files named, copied from its log. */
class FfmpegInputDumpTest {

    @Test
    void readsContainerCodecRateLayoutAndDuration() {
        FfmpegInputDump dump = FfmpegInputDump.parse(List.of(
                "Input #0, ogg, from '/music/a.ogg':",
                "  Duration: 00:02:30.05, start: 0.000000, bitrate: 31 kb/s",
                "  Stream #0:0: Audio: vorbis, 44100 Hz, stereo, fltp, 112 kb/s",
                "    Metadata:",
                "      encoder         : Lavc59.37.100 libvorbis")).orElseThrow();

        assertThat(dump.container()).isEqualTo("ogg");
        assertThat(dump.durationSeconds()).isEqualTo(150.05);
        assertThat(dump.audio()).contains(new FfmpegInputDump.AudioStream("vorbis", 44100, "stereo"));
    }

    @Test
    void takesTheFirstAudioStreamAfterOthersAndKeepsSurroundLayoutNames() {
        FfmpegInputDump dump = FfmpegInputDump.parse(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'film.mp4':",
                "  Metadata:",
                "    title           : Stream #0:9: Audio: fake, 1 Hz, mono",
                "  Duration: 01:00:00.00, start: 0.000000, bitrate: 70 kb/s",
                "  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 320x240, 25 fps",
                "  Stream #0:1[0x2](eng): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, 5.1(side), fltp, 384 kb/s (default)",
                "  Stream #0:2[0x3](fra): Audio: ac3 (ac-3 / 0x332D6361), 44100 Hz, stereo, fltp, 192 kb/s")).orElseThrow();

        assertThat(dump.container()).isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");
        assertThat(dump.durationSeconds()).isEqualTo(3600.0);
        assertThat(dump.audio()).contains(new FfmpegInputDump.AudioStream("aac", 48000, "5.1(side)"));
    }

    @Test
    void anUnnamedLayoutIsEmptyAndAnUnknownDurationIsZero() {
        FfmpegInputDump dump = FfmpegInputDump.parse(List.of(
                "Input #0, wav, from 'six.wav':",
                "  Duration: N/A, bitrate: 4608 kb/s",
                "  Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 48000 Hz, 6 channels, s16, 4608 kb/s")).orElseThrow();

        assertThat(dump.durationSeconds()).isZero();
        assertThat(dump.audio()).contains(new FfmpegInputDump.AudioStream("pcm_s16le", 48000, ""));
    }

    @Test
    void aVideoWithoutAudioHasNoAudioStreamAndNoSectionIsNoDump() {
        FfmpegInputDump dump = FfmpegInputDump.parse(List.of(
                "Input #0, png_pipe, from 'picture.png':",
                "  Duration: N/A, bitrate: N/A",
                "  Stream #0:0: Video: png, rgb24(pc), 32x32, 25 fps, 25 tbr, 25 tbn")).orElseThrow();

        assertThat(dump.container()).isEqualTo("png_pipe");
        assertThat(dump.audio()).isEmpty();
        assertThat(FfmpegInputDump.parse(List.of())).isEqualTo(Optional.empty());
    }
}

package io.hitorflop.feature.engine;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.feature.engine.decode.FfmpegPcmDecoder;
import io.hitorflop.feature.engine.decode.PcmDecoding;
import io.hitorflop.feature.engine.decode.WaveFileDecoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain PCM WAVE file read by the JDK gives what ffmpeg gives: the same probe (container, codec,
 * channels, rate, layout, the duration as ffmpeg prints it) and the same float samples, bit for
 * bit, so the analysis cannot tell which decoder ran. Other files are left to ffmpeg.
 */
class WaveFileDecodingTest {

    private final EngineSettings settings = EngineSettings.defaults();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "pcm_s16le, 2, 44100, 1.37",
            "pcm_s16le, 1, 22050, 0.123457",
            "pcm_s24le, 1, 48000, 2.004999",
            "pcm_s24le, 2, 44100, 0.995",
            "pcm_f32le, 2, 32000, 1.5",
    })
    void probeAndSamplesAreFfmpegsBitForBit(String codec, int channels, int rate, double seconds) throws Exception {
        Path wave = dir.resolve(codec + "-" + channels + "-" + rate + ".wav");
        // a chirp with noise: every sample value matters, and the frame count is not a round number
        TestAudio.ffmpeg("-f", "lavfi", "-i", "aevalsrc=0.7*sin(2*PI*(200+900*t)*t)+0.2*random(0)-0.1|0.5*sin(2*PI*330*t):s="
                        + rate + ":d=" + seconds, "-ac", Integer.toString(channels), "-c:a", codec, wave.toString());

        Decoded ffmpeg = decode(new FfmpegPcmDecoder(settings.ffmpegPath(), settings.decodeTimeout()).start(wave));
        Decoded java = decode(WaveFileDecoding.open(wave).orElseThrow());

        assertThat(java.probed()).isEqualTo(ffmpeg.probed());
        assertThat(java.frames()).isEqualTo(ffmpeg.frames());
        assertThat(Arrays.equals(java.samples(), ffmpeg.samples())).as("the samples, bit for bit").isTrue();
        assertThat(java.samples().length).isEqualTo((int) java.frames() * channels);
    }

    @ParameterizedTest
    @CsvSource({
            "u8.wav, -c:a pcm_u8",
            "quad.wav, -ac 4 -c:a pcm_s16le",
            "s32.wav, -c:a pcm_s32le",
            "alaw.wav, -c:a pcm_alaw",
            "tone.flac, -c:a flac",
            "tone.mp3, -c:a libmp3lame",
    })
    void everyOtherFileIsLeftToFfmpeg(String name, String codecOptions) {
        Path file = dir.resolve(name);
        String[] options = codecOptions.split(" ");
        String[] args = new String[4 + options.length + 1];
        System.arraycopy(new String[] {"-f", "lavfi", "-i", "sine=frequency=440:duration=1"}, 0, args, 0, 4);
        System.arraycopy(options, 0, args, 4, options.length);
        args[args.length - 1] = file.toString();
        TestAudio.ffmpeg(args);

        assertThat(WaveFileDecoding.open(file)).isEmpty();
    }

    @Test
    void aFileNamedWaveThatIsNotIsLeftToFfmpeg() throws Exception {
        Path notWave = dir.resolve("text.wav");
        java.nio.file.Files.writeString(notWave, "RIFF but not a wave at all");

        assertThat(WaveFileDecoding.open(notWave)).isEmpty();
    }

    private static Decoded decode(PcmDecoding decoding) throws AudioRejectedException {
        try (decoding) {
            ProbedAudio probed = decoding.probe(Duration.ofHours(1));
            float[][] collected = {new float[0]};
            long frames = decoding.readInto(probed, Long.MAX_VALUE, (interleaved, count) -> {
                int at = collected[0].length;
                collected[0] = Arrays.copyOf(collected[0], at + count * probed.channels());
                System.arraycopy(interleaved, 0, collected[0], at, count * probed.channels());
            });
            return new Decoded(probed, frames, collected[0]);
        }
    }

    private record Decoded(ProbedAudio probed, long frames, float[] samples) {
    }
}

package io.hitorflop.feature.engine.dna;

import io.hitorflop.contract.events.SpectralDna;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SpectralDnaBuilderTest {

    @Test
    void quantisesBandMajorOver80DbAndCapsLongSeries() {
        MelThumbnail thumbnail = new MelThumbnail(2, 3, 3);
        thumbnail.accept(new float[] {1f, 1e-4f});
        thumbnail.accept(new float[] {1e-8f, 1e-9f});
        thumbnail.accept(new float[] {0.01f, 1f});
        double[] seconds = new double[5_000];
        double[] beats = new double[3_000];
        Arrays.setAll(beats, i -> i * 0.5123456);

        SpectralDna dna = SpectralDnaBuilder.build(thumbnail, 43.07, new double[] {2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4},
                seconds, beats);

        byte[] levels = Base64.getDecoder().decode(dna.melSpectrogram());
        assertThat(dna.melBands()).isEqualTo(2);
        assertThat(dna.columns()).isEqualTo(3);
        assertThat(dna.ceilingDb()).isEqualTo(0.0);
        assertThat(dna.floorDb()).isEqualTo(-80.0);
        // band 0: 0 dB, -80 dB, -20 dB; band 1: -40 dB, -90 dB, 0 dB
        assertThat(Byte.toUnsignedInt(levels[0])).isEqualTo(255);
        assertThat(Byte.toUnsignedInt(levels[1])).isEqualTo(0);
        assertThat(Byte.toUnsignedInt(levels[2])).isEqualTo(191);
        assertThat(Byte.toUnsignedInt(levels[3])).isBetween(127, 128);
        assertThat(Byte.toUnsignedInt(levels[4])).isEqualTo(0);
        assertThat(Byte.toUnsignedInt(levels[5])).isEqualTo(255);
        assertThat(dna.chroma()[11]).isEqualTo(1.0);
        assertThat(dna.chroma()[0]).isEqualTo(0.5);
        assertThat(dna.loudnessPerSecond()).hasSize(SpectralDnaBuilder.MAX_LOUDNESS_SECONDS);
        assertThat(dna.beats()).hasSize(SpectralDnaBuilder.MAX_BEATS);
        assertThat(dna.beats()[1]).isEqualTo(0.51);
    }
}

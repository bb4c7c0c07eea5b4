package io.hitorflop.feature.engine.dna;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each cell is the mean mel power of the frames its column covers, in dB (10 log10), so the truths
 * are arithmetic means of the frame values fed: frame f carries f + 1 in every band.
 */
class MelThumbnailTest {

    private static MelThumbnail fed(int bands, int maxColumns, long expectedFrames, int frames) {
        MelThumbnail thumbnail = new MelThumbnail(bands, maxColumns, expectedFrames);
        float[] mel = new float[bands];
        for (int frame = 0; frame < frames; frame++) {
            Arrays.fill(mel, frame + 1);
            thumbnail.accept(mel);
        }
        return thumbnail;
    }

    @Test
    void eachColumnIsTheMeanOfItsFramesInDecibels() {
        // 100 expected frames over 10 columns: frames 10c..10c+9, whose values average 10c + 5.5
        MelThumbnail thumbnail = fed(3, 10, 100, 100);
        assertThat(thumbnail.framesPerColumn()).isEqualTo(10);
        assertThat(thumbnail.columns()).isEqualTo(10);
        for (int column = 0; column < 10; column++) {
            for (int band = 0; band < 3; band++) {
                assertThat(thumbnail.decibels(band, column)).isCloseTo(10 * Math.log10(10 * column + 5.5), within(1e-9));
            }
        }
    }

    @Test
    void aLongerTrackMergesNeighbouringColumnsAndKeepsTheirMeans() {
        // 16 frames expected over 8 columns (2 each); 40 arrive: merged at frame 16 (4 per column) and
        // at frame 32 (8 per column), so column c holds frames 8c..8c+7, mean 8c + 4.5, the last 32..39
        MelThumbnail thumbnail = fed(2, 8, 16, 40);
        assertThat(thumbnail.framesPerColumn()).isEqualTo(8);
        assertThat(thumbnail.columns()).isEqualTo(5);
        for (int column = 0; column < 5; column++) {
            assertThat(thumbnail.decibels(1, column)).isCloseTo(10 * Math.log10(8 * column + 4.5), within(1e-9));
        }
    }

    @Test
    void aShorterTrackUsesFewerColumnsAndSilenceIsTheFloor() {
        MelThumbnail thumbnail = new MelThumbnail(1, 8, 16);
        thumbnail.accept(new float[1]);
        thumbnail.accept(new float[1]);
        thumbnail.accept(new float[] {1e-3f});
        assertThat(thumbnail.columns()).isEqualTo(2);
        assertThat(thumbnail.decibels(0, 0)).isEqualTo(-200.0);
        assertThat(thumbnail.decibels(0, 1)).isCloseTo(-30.0, within(1e-5));
    }

    @Test
    void thumbnailMergesColumnsWhenTheTrackIsLongerThanExpected() {
        MelThumbnail thumbnail = new MelThumbnail(4, 8, 16);
        float[] mel = new float[4];
        for (int frame = 0; frame < 100; frame++) {
            Arrays.fill(mel, frame < 50 ? 1f : 0.01f);
            thumbnail.accept(mel);
        }

        assertThat(thumbnail.columns()).isLessThanOrEqualTo(8);
        assertThat(thumbnail.framesPerColumn() * thumbnail.columns()).isGreaterThanOrEqualTo(100);
        assertThat(thumbnail.decibels(0, 0)).isEqualTo(0.0);
        assertThat(thumbnail.decibels(3, thumbnail.columns() - 1)).isEqualTo(-20.0, within(1e-6));
    }
}

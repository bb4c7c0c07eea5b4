package io.hitorflop.feature.engine.loudness;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ITU-R BS.1770-4 table 3: G = 1.0 for left, right and centre, 1.41 for the left and right
 * surrounds, and the LFE channel left out, in ffmpeg's channel order for each layout.
 */
class ChannelWeightsTest {

    @ParameterizedTest(name = "{0}, {1} channels")
    @CsvSource(delimiter = ';', value = {
            "mono;1;1.0",
            "stereo;2;1.0 1.0",
            // FL FR FC LFE BL BR
            "5.1;6;1.0 1.0 1.0 0.0 1.41 1.41",
            // FL FR FC LFE SL SR
            "5.1(side);6;1.0 1.0 1.0 0.0 1.41 1.41",
            // FL FR FC BL BR: EBU Tech 3341 case 6
            "5.0;5;1.0 1.0 1.0 1.41 1.41",
            "5.0(side);5;1.0 1.0 1.0 1.41 1.41",
            // FL FR BL BR
            "quad;4;1.0 1.0 1.41 1.41",
            // fewer channels than the layout names: weighted as far as they go
            "5.1;4;1.0 1.0 1.0 0.0",
            "quad;3;1.0 1.0 1.41",
            // a layout ffmpeg does not name: every channel counts fully
            "unknown;3;1.0 1.0 1.0"})
    void weightsFollowTable3(String layout, int channels, String expected) {
        double[] weights = Arrays.stream(expected.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(ChannelWeights.forLayout(layout, channels)).containsExactly(weights);
    }
}

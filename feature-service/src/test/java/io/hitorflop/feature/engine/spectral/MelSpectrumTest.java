package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.hitorflop.feature.engine.spectral.Signals.BIN_HZ;
import static io.hitorflop.feature.engine.spectral.Signals.FFT_SIZE;
import static io.hitorflop.feature.engine.spectral.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The mel spectrum of Slaney's Auditory Toolbox (librosa's {@code melspectrogram}): neighbouring
 * triangles sum to one between the first and the last centre, so the bands scaled back by
 * {@link MelFilterBank#bandPowerScale()} collect the frame's power there. A Hann-windowed sine's
 * power spreads over its bins with the window's equivalent noise bandwidth, 1.5 bins (Harris 1978):
 * peak power P gives 1.5 P in all.
 */
class MelSpectrumTest {

    private static final int BANDS = 64;

    @Test
    void scaledBandsOfASineCollectItsPowerTimesTheHannNoiseBandwidth() {
        MelFilterBank bank = new MelFilterBank(BANDS, FFT_SIZE, RATE, 20, RATE / 2);
        double[] scale = bank.bandPowerScale();
        List<Double> collected = new ArrayList<>();
        MelSpectrum mel = new MelSpectrum(bank, List.of(bands -> {
            double sum = 0;
            for (int band = 0; band < BANDS; band++) {
                sum += bands[band] * scale[band];
            }
            collected.add(sum);
        }));
        double amplitude = 0.5;
        // 1.5 kHz and 4 kHz: between band centres, where the triangles tile the spectrum
        for (double hz : new double[] {139 * BIN_HZ, 4000}) {
            collected.clear();
            Signals.analyse(mel, Signals.sine(hz, amplitude, 1));
            assertThat(collected).isNotEmpty()
                    .allSatisfy(power -> assertThat(power).isCloseTo(1.5 * amplitude * amplitude, within(0.03)));
        }
    }

    @Test
    void everyConsumerGetsTheFilterBankOutputOfEveryFrame() {
        MelFilterBank bank = new MelFilterBank(BANDS, FFT_SIZE, RATE, 20, RATE / 2);
        List<float[]> first = new ArrayList<>();
        List<float[]> second = new ArrayList<>();
        List<float[]> powers = new ArrayList<>();
        MelSpectrum mel = new MelSpectrum(bank, List.of(bands -> first.add(bands.clone()), bands -> second.add(bands.clone())));
        StftFramer framer = new StftFramer(FFT_SIZE, Signals.HOP, List.of(mel, (power, magnitude) -> powers.add(power.clone())));
        Signals.feed(framer, Signals.whiteNoise(7, 1));

        assertThat(first).hasSize(powers.size()).hasSameSizeAs(second);
        float[] expected = new float[BANDS];
        for (int frame = 0; frame < powers.size(); frame++) {
            bank.apply(powers.get(frame), expected);
            assertThat(first.get(frame)).containsExactly(expected);
            assertThat(second.get(frame)).containsExactly(expected);
        }
    }
}

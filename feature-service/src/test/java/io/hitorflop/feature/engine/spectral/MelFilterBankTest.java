package io.hitorflop.feature.engine.spectral;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Slaney's mel scale (Auditory Toolbox, librosa's {@code htk=False}): 200/3 Hz per mel up to
 * 1 kHz (15 mel), then 27 mel per factor 6.4 in frequency.
 */
class MelFilterBankTest {

    private static final int BANDS = 64;
    private static final int FFT_SIZE = 2048;
    private static final double RATE = 22_050;
    private static final double MIN_HZ = 20;
    private static final double MAX_HZ = RATE / 2;

    @Test
    void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
        assertThat(MelFilterBank.hzToMel(500)).isCloseTo(7.5, within(1e-9));
        assertThat(MelFilterBank.hzToMel(1000)).isCloseTo(15.0, within(1e-9));
        assertThat(MelFilterBank.hzToMel(6400)).isCloseTo(42.0, within(1e-9));
        for (double hz : new double[] {20, 440, 999, 1001, 4000, 11_025}) {
            assertThat(MelFilterBank.melToHz(MelFilterBank.hzToMel(hz))).isCloseTo(hz, within(1e-6));
        }
    }

    /** The centre of band b lies b+1 equal mel steps above the lowest edge. */
    private static double centreHz(int band) {
        double minMel = MelFilterBank.hzToMel(MIN_HZ);
        double maxMel = MelFilterBank.hzToMel(MAX_HZ);
        return MelFilterBank.melToHz(minMel + (maxMel - minMel) * (band + 1) / (BANDS + 1));
    }

    @Test
    void eachBandPeaksInTheBinNearestItsMelSpacedCentre() {
        MelFilterBank bank = new MelFilterBank(BANDS, FFT_SIZE, RATE, MIN_HZ, MAX_HZ);
        assertThat(bank.bands()).isEqualTo(BANDS);
        float[] power = new float[FFT_SIZE / 2 + 1];
        float[] mel = new float[BANDS];
        // above ~1.3 kHz the triangles are wider than 3 bins, so their peak is resolved by single bins
        for (int band = 20; band < BANDS; band++) {
            int nearest = (int) Math.round(centreHz(band) * FFT_SIZE / RATE);
            int strongest = -1;
            float best = -1;
            for (int bin = nearest - 3; bin <= nearest + 3; bin++) {
                Arrays.fill(power, 0f);
                power[bin] = 1f;
                bank.apply(power, mel);
                if (mel[band] > best) {
                    best = mel[band];
                    strongest = bin;
                }
            }
            assertThat(strongest).as("band %d, centre %.1f Hz", band, centreHz(band)).isEqualTo(nearest);
        }
    }

    @Test
    void areaNormalisationMakesTheScaledBandsCollectTheTotalPower() {
        // a flat unit power spectrum: each band (weights 2/(upper-lower) at its peak) times half its base is
        // the number of bins under the triangle's area, so the scaled bands sum to about the bins from 20 Hz up
        MelFilterBank bank = new MelFilterBank(BANDS, FFT_SIZE, RATE, MIN_HZ, MAX_HZ);
        float[] power = new float[FFT_SIZE / 2 + 1];
        Arrays.fill(power, 1f);
        float[] mel = new float[BANDS];
        bank.apply(power, mel);
        double[] scale = bank.bandPowerScale();
        double collected = 0;
        for (int band = 0; band < BANDS; band++) {
            collected += mel[band] * scale[band];
        }
        double binHz = RATE / FFT_SIZE;
        // the lowest half-triangle and the highest half-triangle are not covered twice: about one band short
        assertThat(collected).isCloseTo((MAX_HZ - MIN_HZ) / binHz, within(0.05 * (MAX_HZ - MIN_HZ) / binHz));
    }
}

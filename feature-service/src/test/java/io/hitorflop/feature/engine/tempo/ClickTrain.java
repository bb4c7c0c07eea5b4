package io.hitorflop.feature.engine.tempo;

import io.hitorflop.feature.engine.spectral.MelFilterBank;
import io.hitorflop.feature.engine.spectral.MelSpectrum;
import io.hitorflop.feature.engine.spectral.StftFramer;

import java.util.List;

/**
 * Unit clicks on digital silence at the analysis rate, and their onset strength measured through
 * the engine's chain (2048/512 Hann STFT, 64 Slaney mel bands from 20 Hz to Nyquist), as
 * {@code TrackAnalyzer} builds it.
 */
final class ClickTrain {

    static final double RATE = 22_050;
    static final int FRAME = 2048;
    static final int HOP = 512;
    static final double FRAMES_PER_SECOND = RATE / HOP;
    /** The first click comes after a second of silence, so the envelope starts flat. */
    static final int FIRST_CLICK = 22_050;

    private ClickTrain() {
    }

    /** Sample positions of clicks every {@code 60 / bpm} seconds over {@code seconds}. */
    static int[] clickSamples(double bpm, double seconds) {
        double spacing = 60.0 * RATE / bpm;
        int count = (int) (((int) (seconds * RATE) - 1 - FIRST_CLICK) / spacing) + 1;
        int[] clicks = new int[count];
        for (int i = 0; i < count; i++) {
            clicks[i] = FIRST_CLICK + (int) Math.round(i * spacing);
        }
        return clicks;
    }

    static OnsetStrength onsetStrength(int[] clicks, double seconds) {
        float[] signal = new float[(int) (seconds * RATE)];
        for (int click : clicks) {
            signal[click] = 1f;
        }
        return onsetStrengthOf(signal);
    }

    static OnsetStrength onsetStrengthOf(float[] signal) {
        MelFilterBank bank = new MelFilterBank(64, FRAME, RATE, 20.0, RATE / 2);
        OnsetStrength onsets = new OnsetStrength(bank.bandPowerScale());
        StftFramer framer = new StftFramer(FRAME, HOP, List.of(new MelSpectrum(bank, List.of(onsets))));
        framer.accept(signal, signal.length);
        return onsets;
    }

    /** The analysis frame whose centre (the time the engine reports for it) is nearest the sample. */
    static int frameCentredOn(int sample) {
        return (int) Math.round((sample - FRAME / 2.0) / HOP);
    }
}

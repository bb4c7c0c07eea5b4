package io.hitorflop.feature.engine.spectral;

import java.util.List;

/**
 * Turns each power spectrum into mel-band power (the mel spectrogram of Slaney's Auditory Toolbox,
 * librosa's {@code melspectrogram}) and hands it on (to the onset detector and the DNA thumbnail).
 */
public final class MelSpectrum implements SpectrumConsumer {

    /** Receives the mel-band power of one frame; the array is reused. */
    public interface Consumer {
        void accept(float[] melPower);
    }

    private final MelFilterBank filterBank;
    private final float[] mel;
    private final Consumer[] consumers;

    public MelSpectrum(MelFilterBank filterBank, List<Consumer> consumers) {
        this.filterBank = filterBank;
        this.mel = new float[filterBank.bands()];
        this.consumers = consumers.toArray(Consumer[]::new);
    }

    @Override
    public void accept(float[] power, float[] magnitude) {
        filterBank.apply(power, mel);
        for (Consumer consumer : consumers) {
            consumer.accept(mel);
        }
    }
}

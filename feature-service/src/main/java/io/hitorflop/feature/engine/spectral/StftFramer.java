package io.hitorflop.feature.engine.spectral;

import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;

import java.util.List;

/**
 * Short-time Fourier transform of the mono stream (Allen &amp; Rabiner 1977): Hann-windowed (Harris
 * 1978) frames of {@code size} samples every {@code hop} samples (frame t starts at sample t * hop),
 * transformed with TarsosDSP's FFT (a port of JTransforms) into one reused buffer. The power
 * spectrum is computed here from the packed real-FFT layout, because TarsosDSP's own modulus helper
 * reads the Nyquist term as the imaginary part of bin 0.
 */
public final class StftFramer implements MonoConsumer {

    private final int size;
    private final int hop;
    private final FFT fft;
    private final float[] frame;
    private final float[] transform;
    private final float[] power;
    private final float[] magnitude;
    private final float powerScale;
    private final SpectrumConsumer[] consumers;
    private int filled;

    public StftFramer(int size, int hop, List<SpectrumConsumer> consumers) {
        if (Integer.bitCount(size) != 1 || hop <= 0 || hop > size) {
            throw new IllegalArgumentException("size must be a power of two and 0 < hop <= size");
        }
        this.size = size;
        this.hop = hop;
        this.fft = new FFT(size, new HannWindow());
        this.frame = new float[size];
        this.transform = new float[size];
        this.power = new float[size / 2 + 1];
        this.magnitude = new float[size / 2 + 1];
        // a Hann window sums to size / 2; a full-scale sine then has a peak magnitude of size / 4
        this.powerScale = 1f / ((size / 4f) * (size / 4f));
        this.consumers = consumers.toArray(SpectrumConsumer[]::new);
    }

    @Override
    public void accept(float[] samples, int count) {
        int offset = 0;
        while (offset < count) {
            int take = Math.min(size - filled, count - offset);
            System.arraycopy(samples, offset, frame, filled, take);
            filled += take;
            offset += take;
            if (filled == size) {
                emit();
                System.arraycopy(frame, hop, frame, 0, size - hop);
                filled = size - hop;
            }
        }
    }

    private void emit() {
        System.arraycopy(frame, 0, transform, 0, size);
        fft.forwardTransform(transform);
        power[0] = transform[0] * transform[0] * powerScale;
        power[size / 2] = transform[1] * transform[1] * powerScale;
        for (int bin = 1; bin < size / 2; bin++) {
            float re = transform[2 * bin];
            float im = transform[2 * bin + 1];
            power[bin] = (re * re + im * im) * powerScale;
        }
        for (int bin = 0; bin < power.length; bin++) {
            magnitude[bin] = (float) Math.sqrt(power[bin]);
        }
        for (SpectrumConsumer consumer : consumers) {
            consumer.accept(power, magnitude);
        }
    }
}

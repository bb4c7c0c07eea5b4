package io.hitorflop.feature.engine.spectral;

import java.util.List;
import java.util.Random;

/**
 * Signals synthesised for the engine's unit tests, and the analysis framing the engine uses (the
 * mono analysis signal at 22,050 Hz, 2048/512 STFT).
 */
public final class Signals {

    public static final double RATE = 22_050;
    public static final int FFT_SIZE = 2048;
    public static final int HOP = 512;
    public static final double BIN_HZ = RATE / FFT_SIZE;

    private Signals() {
    }

    /** {@code seconds} of a sine at the analysis rate. */
    public static float[] sine(double hz, double amplitude, double seconds) {
        return sine(hz, amplitude, seconds, RATE);
    }

    /** {@code seconds} of a sine at {@code rate}; the small phase keeps every sample off zero at the start. */
    public static float[] sine(double hz, double amplitude, double seconds, double rate) {
        float[] signal = new float[(int) (seconds * rate)];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + 0.1));
        }
        return signal;
    }

    public static float[] sum(float[] a, float[] b) {
        float[] signal = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            signal[i] = a[i] + b[i];
        }
        return signal;
    }

    public static float[] whiteNoise(long seed, double seconds) {
        Random random = new Random(seed);
        float[] signal = new float[(int) (seconds * RATE)];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) (0.1 * random.nextGaussian());
        }
        return signal;
    }

    /**
     * One unit impulse every {@link #FFT_SIZE} samples: every analysis frame holds exactly one, so
     * each frame's spectrum is flat (the magnitude of a shifted impulse is the same in every bin).
     */
    public static float[] impulsePerFrame(double seconds) {
        float[] signal = new float[(int) (seconds * RATE)];
        for (int i = FFT_SIZE / 3; i < signal.length; i += FFT_SIZE) {
            signal[i] = 1f;
        }
        return signal;
    }

    /** Feeds the signal in uneven blocks, as the decoder does, so block boundaries are exercised. */
    public static void feed(MonoConsumer consumer, float[] signal) {
        int[] blockSizes = {1000, 4096, 7, 8192, 333};
        int offset = 0;
        for (int b = 0; offset < signal.length; b++) {
            int count = Math.min(blockSizes[b % blockSizes.length], signal.length - offset);
            float[] block = new float[count];
            System.arraycopy(signal, offset, block, 0, count);
            consumer.accept(block, count);
            offset += count;
        }
    }

    /** Runs the signal through the engine's 2048/512 Hann STFT into the consumer. */
    public static void analyse(SpectrumConsumer consumer, float[] signal) {
        feed(new StftFramer(FFT_SIZE, HOP, List.of(consumer)), signal);
    }
}

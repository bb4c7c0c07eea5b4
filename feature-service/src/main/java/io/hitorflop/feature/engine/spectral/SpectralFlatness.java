package io.hitorflop.feature.engine.spectral;

/**
 * Mean spectral flatness (Wiener entropy, Dubnov 2004): geometric over arithmetic mean of each
 * frame's power spectrum, floored at 1e-10 as librosa does, averaged over frames with energy.
 * The geometric mean sums exponents and multiplies mantissas so that only one logarithm is taken
 * per 64 bins instead of one per bin, which made this the costliest descriptor.
 */
public final class SpectralFlatness implements SpectrumConsumer {

    private static final double FLOOR = 1e-10;
    private static final int BINS_PER_LOG = 64;
    private static final long MANTISSA_BITS = 0x000f_ffff_ffff_ffffL;
    private static final long UNIT_EXPONENT = 0x3ff0_0000_0000_0000L;
    private static final double LN2 = Math.log(2);

    private double sum;
    private long frames;

    @Override
    public void accept(float[] power, float[] magnitude) {
        double arithmetic = 0;
        long exponentSum = 0;
        double mantissaProduct = 1.0;
        double log2Sum = 0;
        for (int bin = 0; bin < power.length; bin++) {
            double value = Math.max(FLOOR, power[bin]);
            arithmetic += value;
            long bits = Double.doubleToRawLongBits(value);
            exponentSum += ((bits >>> 52) & 0x7ff) - 1023;
            mantissaProduct *= Double.longBitsToDouble((bits & MANTISSA_BITS) | UNIT_EXPONENT);
            if (bin % BINS_PER_LOG == BINS_PER_LOG - 1) {
                log2Sum += Math.log(mantissaProduct) / LN2;
                mantissaProduct = 1.0;
            }
        }
        log2Sum += Math.log(mantissaProduct) / LN2 + exponentSum;
        arithmetic /= power.length;
        if (arithmetic <= FLOOR) {
            return;
        }
        double geometric = Math.pow(2.0, log2Sum / power.length);
        sum += geometric / arithmetic;
        frames++;
    }

    public double mean() {
        return frames == 0 ? 0 : sum / frames;
    }
}

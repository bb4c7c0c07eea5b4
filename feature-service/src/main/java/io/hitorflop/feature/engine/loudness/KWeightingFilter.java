package io.hitorflop.feature.engine.loudness;

/**
 * The K-weighting of ITU-R BS.1770-4 (a high-shelf "pre-filter" modelling the head, then the RLB
 * high-pass) for one channel, designed for the actual sample rate from the analogue prototype
 * (the parameters libebur128 derived from the 48 kHz coefficients the recommendation tabulates)
 * rather than only for 48 kHz. Direct form I in double precision.
 */
final class KWeightingFilter {

    private final double shelfB0;
    private final double shelfB1;
    private final double shelfB2;
    private final double shelfA1;
    private final double shelfA2;
    private final double highPassA1;
    private final double highPassA2;

    private double shelfX1;
    private double shelfX2;
    private double shelfY1;
    private double shelfY2;
    private double highPassX1;
    private double highPassX2;
    private double highPassY1;
    private double highPassY2;

    KWeightingFilter(double sampleRate) {
        double shelfCentre = 1681.974450955533;
        double shelfGainDb = 3.999843853973347;
        double shelfQ = 0.7071752369554196;
        double k = Math.tan(Math.PI * shelfCentre / sampleRate);
        double vh = Math.pow(10.0, shelfGainDb / 20.0);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / shelfQ + k * k;
        shelfB0 = (vh + vb * k / shelfQ + k * k) / a0;
        shelfB1 = 2.0 * (k * k - vh) / a0;
        shelfB2 = (vh - vb * k / shelfQ + k * k) / a0;
        shelfA1 = 2.0 * (k * k - 1.0) / a0;
        shelfA2 = (1.0 - k / shelfQ + k * k) / a0;

        double highPassCentre = 38.13547087602444;
        double highPassQ = 0.5003270373238773;
        k = Math.tan(Math.PI * highPassCentre / sampleRate);
        double highPassA0 = 1.0 + k / highPassQ + k * k;
        highPassA1 = 2.0 * (k * k - 1.0) / highPassA0;
        highPassA2 = (1.0 - k / highPassQ + k * k) / highPassA0;
    }

    /** Filters one sample and returns its K-weighted value. */
    double filter(double x) {
        double shelved = shelfB0 * x + shelfB1 * shelfX1 + shelfB2 * shelfX2 - shelfA1 * shelfY1 - shelfA2 * shelfY2;
        shelfX2 = shelfX1;
        shelfX1 = x;
        shelfY2 = shelfY1;
        shelfY1 = shelved;
        // the RLB numerator is (1, -2, 1) exactly, as in the recommendation
        double weighted = shelved - 2.0 * highPassX1 + highPassX2 - highPassA1 * highPassY1 - highPassA2 * highPassY2;
        highPassX2 = highPassX1;
        highPassX1 = shelved;
        highPassY2 = highPassY1;
        highPassY1 = weighted;
        return weighted;
    }
}

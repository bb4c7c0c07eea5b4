package io.hitorflop.feature.engine.loudness;

/**
 * The K-weighting of ITU-R BS.1770-4 (a high-shelf "pre-filter" modelling the head, then the RLB
 * high-pass) for one channel, designed for the actual sample rate from the analogue prototype
 * (the parameters libebur128 derived from the 48 kHz coefficients the recommendation tabulates)
 * rather than only for 48 kHz. Direct form I in double precision, one state per channel.
 * <p>
 * Each sample of a recursive filter waits for the previous one, so one channel uses a fraction of
 * the core. Channels are therefore filtered two at a time in one loop, whose two independent
 * chains the CPU overlaps: this halved the meter's time on stereo. An odd last channel runs beside
 * a discarded twin, which costs nothing because the loop is bound by latency, not by arithmetic.
 */
final class KWeightingFilter {

    /** Per channel: shelf x1, x2, y1, y2, then high-pass x1, x2, y1, y2. */
    private static final int STATE = 8;

    private final double shelfB0;
    private final double shelfB1;
    private final double shelfB2;
    private final double shelfA1;
    private final double shelfA2;
    private final double highPassA1;
    private final double highPassA2;

    private final int channels;
    private final double[][] states;
    private final double[] discardedTwin = new double[STATE];

    KWeightingFilter(double sampleRate, int channels) {
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

        this.channels = channels;
        this.states = new double[channels][STATE];
    }

    /**
     * Filters {@code frames} frames of interleaved PCM from frame {@code firstFrame} on and adds the
     * sum of squares of each channel's K-weighted output to {@code squares[channel]}.
     */
    void addSquares(float[] interleaved, int firstFrame, int frames, double[] squares) {
        for (int a = 0; a < channels; a += 2) {
            int b = a + 1 < channels ? a + 1 : -1;
            double[] sumsOfSquares = filterPair(interleaved, firstFrame, frames, a, b);
            squares[a] += sumsOfSquares[0];
            if (b >= 0) {
                squares[b] += sumsOfSquares[1];
            }
        }
    }

    /** Channels {@code a} and {@code b} (or, when b is -1, {@code a} and a twin whose result is dropped). */
    private double[] filterPair(float[] interleaved, int firstFrame, int frames, int a, int b) {
        double[] stateA = states[a];
        double[] stateB = b >= 0 ? states[b] : discardedTwin;
        int channelB = b >= 0 ? b : a;
        // the state lives in locals during the loop: about twice as fast as fields or arrays
        double asx1 = stateA[0], asx2 = stateA[1], asy1 = stateA[2], asy2 = stateA[3];
        double ahx1 = stateA[4], ahx2 = stateA[5], ahy1 = stateA[6], ahy2 = stateA[7];
        double bsx1 = stateB[0], bsx2 = stateB[1], bsy1 = stateB[2], bsy2 = stateB[3];
        double bhx1 = stateB[4], bhx2 = stateB[5], bhy1 = stateB[6], bhy2 = stateB[7];
        double sumA = 0;
        double sumB = 0;
        int end = (firstFrame + frames) * channels;
        for (int indexA = firstFrame * channels + a, indexB = firstFrame * channels + channelB; indexA < end;
             indexA += channels, indexB += channels) {
            double xa = interleaved[indexA];
            double xb = interleaved[indexB];
            double shelvedA = shelfB0 * xa + shelfB1 * asx1 + shelfB2 * asx2 - shelfA1 * asy1 - shelfA2 * asy2;
            double shelvedB = shelfB0 * xb + shelfB1 * bsx1 + shelfB2 * bsx2 - shelfA1 * bsy1 - shelfA2 * bsy2;
            asx2 = asx1;
            asx1 = xa;
            asy2 = asy1;
            asy1 = shelvedA;
            bsx2 = bsx1;
            bsx1 = xb;
            bsy2 = bsy1;
            bsy1 = shelvedB;
            // the RLB numerator is (1, -2, 1) exactly, as in the recommendation
            double weightedA = shelvedA - 2.0 * ahx1 + ahx2 - highPassA1 * ahy1 - highPassA2 * ahy2;
            double weightedB = shelvedB - 2.0 * bhx1 + bhx2 - highPassA1 * bhy1 - highPassA2 * bhy2;
            ahx2 = ahx1;
            ahx1 = shelvedA;
            ahy2 = ahy1;
            ahy1 = weightedA;
            bhx2 = bhx1;
            bhx1 = shelvedB;
            bhy2 = bhy1;
            bhy1 = weightedB;
            sumA += weightedA * weightedA;
            sumB += weightedB * weightedB;
        }
        store(stateA, asx1, asx2, asy1, asy2, ahx1, ahx2, ahy1, ahy2);
        store(stateB, bsx1, bsx2, bsy1, bsy2, bhx1, bhx2, bhy1, bhy2);
        return new double[] {sumA, sumB};
    }

    private static void store(double[] state, double sx1, double sx2, double sy1, double sy2,
                              double hx1, double hx2, double hy1, double hy2) {
        state[0] = sx1;
        state[1] = sx2;
        state[2] = sy1;
        state[3] = sy2;
        state[4] = hx1;
        state[5] = hx2;
        state[6] = hy1;
        state[7] = hy2;
    }
}

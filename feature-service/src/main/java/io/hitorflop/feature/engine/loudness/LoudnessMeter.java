package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.signal.DoubleSeries;
import io.hitorflop.feature.engine.signal.PcmConsumer;

/**
 * Streaming loudness measurement per ITU-R BS.1770-4 on the original channels at the original
 * rate: K-weighting, mean square per 100 ms sub-block, channel-weighted sum. From the sub-blocks it
 * keeps the 400 ms momentary blocks (75 % overlap) for the gated integrated loudness, the 3 s
 * short-term values (10 per second) for the loudness range of EBU Tech 3342, and one value per
 * second for the dashboard. Memory grows by a few doubles per 100 ms, never with the sample count.
 */
public final class LoudnessMeter implements PcmConsumer {

    /** Below this a block is silence (BS.1770-4 absolute gate); also the floor reported for silence. */
    public static final double ABSOLUTE_GATE_LUFS = -70.0;

    private static final int SUB_BLOCKS_PER_MOMENTARY = 4;
    private static final int SUB_BLOCKS_PER_SHORT_TERM = 30;
    private static final int SUB_BLOCKS_PER_SECOND = 10;

    private final int channels;
    private final double[] weights;
    private final KWeightingFilter filter;
    private final int samplesPerSubBlock;
    private final double[] channelSquares;
    private int samplesInSubBlock;

    private final double[] recentSubBlocks = new double[SUB_BLOCKS_PER_SHORT_TERM];
    private long subBlocks;
    private double secondPower;
    private int subBlocksInSecond;

    private final DoubleSeries momentaryPowers = new DoubleSeries();
    private final DoubleSeries shortTermPowers = new DoubleSeries();
    private final DoubleSeries secondLoudness = new DoubleSeries();

    public LoudnessMeter(double sampleRate, int channels, String channelLayout) {
        this.channels = channels;
        this.weights = ChannelWeights.forLayout(channelLayout, channels);
        this.filter = new KWeightingFilter(sampleRate, channels);
        this.samplesPerSubBlock = (int) Math.round(sampleRate / 10.0);
        this.channelSquares = new double[channels];
    }

    @Override
    public void accept(float[] interleaved, int frames) {
        int frame = 0;
        while (frame < frames) {
            int run = Math.min(frames - frame, samplesPerSubBlock - samplesInSubBlock);
            filter.addSquares(interleaved, frame, run, channelSquares);
            frame += run;
            samplesInSubBlock += run;
            if (samplesInSubBlock == samplesPerSubBlock) {
                closeSubBlock();
            }
        }
    }

    private void closeSubBlock() {
        double power = 0;
        for (int c = 0; c < channels; c++) {
            power += weights[c] * channelSquares[c] / samplesPerSubBlock;
            channelSquares[c] = 0;
        }
        samplesInSubBlock = 0;
        recentSubBlocks[(int) (subBlocks % SUB_BLOCKS_PER_SHORT_TERM)] = power;
        subBlocks++;
        if (subBlocks >= SUB_BLOCKS_PER_MOMENTARY) {
            momentaryPowers.add(meanOfRecent(SUB_BLOCKS_PER_MOMENTARY));
        }
        if (subBlocks >= SUB_BLOCKS_PER_SHORT_TERM) {
            shortTermPowers.add(meanOfRecent(SUB_BLOCKS_PER_SHORT_TERM));
        }
        secondPower += power;
        if (++subBlocksInSecond == SUB_BLOCKS_PER_SECOND) {
            closeSecond();
        }
    }

    private double meanOfRecent(int count) {
        double sum = 0;
        for (int i = 1; i <= count; i++) {
            sum += recentSubBlocks[(int) ((subBlocks - i) % SUB_BLOCKS_PER_SHORT_TERM)];
        }
        return sum / count;
    }

    private void closeSecond() {
        secondLoudness.add(Math.max(ABSOLUTE_GATE_LUFS, lufs(secondPower / subBlocksInSecond)));
        secondPower = 0;
        subBlocksInSecond = 0;
    }

    /** The measurement so far; call once the stream has ended. */
    public LoudnessResult result() {
        if (subBlocksInSecond > 0) {
            closeSecond();
        }
        return new LoudnessResult(
                IntegratedLoudness.gated(momentaryPowers),
                LoudnessRange.of(shortTermPowers),
                secondLoudness.toArray());
    }

    static double lufs(double power) {
        return -0.691 + 10.0 * Math.log10(power);
    }

    static double power(double lufs) {
        return Math.pow(10.0, (lufs + 0.691) / 10.0);
    }
}

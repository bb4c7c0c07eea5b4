package io.hitorflop.feature.engine.spectral;

/**
 * Root-mean-square energy of consecutive blocks of the analysis signal (2048 samples, about 93 ms
 * at 22.05 kHz, librosa's frame length): mean, standard deviation and maximum of the block RMS
 * envelope.
 */
public final class RmsEnergy implements MonoConsumer {

    private final int blockSize;
    private double blockSquares;
    private int inBlock;
    private double sum;
    private double sumOfSquares;
    private double max;
    private long blocks;

    public RmsEnergy(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public void accept(float[] samples, int count) {
        for (int i = 0; i < count; i++) {
            blockSquares += samples[i] * samples[i];
            if (++inBlock == blockSize) {
                closeBlock();
            }
        }
    }

    private void closeBlock() {
        double rms = Math.sqrt(blockSquares / inBlock);
        sum += rms;
        sumOfSquares += rms * rms;
        max = Math.max(max, rms);
        blocks++;
        blockSquares = 0;
        inBlock = 0;
    }

    private void finish() {
        if (inBlock > 0) {
            closeBlock();
        }
    }

    public double mean() {
        finish();
        return blocks == 0 ? 0 : sum / blocks;
    }

    public double standardDeviation() {
        finish();
        if (blocks == 0) {
            return 0;
        }
        double mean = sum / blocks;
        return Math.sqrt(Math.max(0, sumOfSquares / blocks - mean * mean));
    }

    public double max() {
        finish();
        return max;
    }
}

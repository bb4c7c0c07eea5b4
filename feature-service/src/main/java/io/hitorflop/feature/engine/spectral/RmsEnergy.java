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
        // runs up to the next block boundary, so the inner loop is a plain sum (the same additions
        // in the same order as sample by sample with a boundary check each)
        int i = 0;
        while (i < count) {
            int end = i + Math.min(count - i, blockSize - inBlock);
            double squares = blockSquares;
            for (int j = i; j < end; j++) {
                squares += samples[j] * samples[j];
            }
            blockSquares = squares;
            inBlock += end - i;
            i = end;
            if (inBlock == blockSize) {
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

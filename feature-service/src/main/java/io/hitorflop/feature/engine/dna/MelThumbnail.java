package io.hitorflop.feature.engine.dna;

import io.hitorflop.feature.engine.spectral.MelSpectrum;

/**
 * Streams mel-band power into at most {@code maxColumns} time columns of fixed memory. The frames
 * per column are set from the expected length; if the track turns out longer (durations in some
 * containers are estimates) neighbouring columns are merged and the column width doubles.
 */
public final class MelThumbnail implements MelSpectrum.Consumer {

    private final int bands;
    private final int maxColumns;
    private final double[][] sums;
    private final int[] counts;
    private int framesPerColumn;
    private long frame;

    public MelThumbnail(int bands, int maxColumns, long expectedFrames) {
        this.bands = bands;
        this.maxColumns = maxColumns;
        this.sums = new double[bands][maxColumns];
        this.counts = new int[maxColumns];
        this.framesPerColumn = (int) Math.max(1, (expectedFrames + maxColumns - 1) / maxColumns);
    }

    @Override
    public void accept(float[] melPower) {
        int column = (int) (frame / framesPerColumn);
        while (column >= maxColumns) {
            mergePairs();
            column = (int) (frame / framesPerColumn);
        }
        for (int band = 0; band < bands; band++) {
            sums[band][column] += melPower[band];
        }
        counts[column]++;
        frame++;
    }

    private void mergePairs() {
        for (int column = 0; column < maxColumns; column++) {
            int left = 2 * column;
            int right = left + 1;
            for (int band = 0; band < bands; band++) {
                sums[band][column] = (left < maxColumns ? sums[band][left] : 0) + (right < maxColumns ? sums[band][right] : 0);
            }
            counts[column] = (left < maxColumns ? counts[left] : 0) + (right < maxColumns ? counts[right] : 0);
        }
        framesPerColumn *= 2;
    }

    public int bands() {
        return bands;
    }

    public int columns() {
        int used = 0;
        while (used < maxColumns && counts[used] > 0) {
            used++;
        }
        return used;
    }

    public int framesPerColumn() {
        return framesPerColumn;
    }

    /** Mean mel power of a cell in dB (full-scale sine ~ 0 dB), floored at -200 dB. */
    public double decibels(int band, int column) {
        double mean = counts[column] == 0 ? 0 : sums[band][column] / counts[column];
        return mean <= 1e-20 ? -200.0 : 10.0 * Math.log10(mean);
    }
}

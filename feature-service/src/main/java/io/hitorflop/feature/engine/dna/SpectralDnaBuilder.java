package io.hitorflop.feature.engine.dna;

import io.hitorflop.contract.events.SpectralDna;

import java.util.Arrays;
import java.util.Base64;

/**
 * Packs the dashboard's view of a track into the contract's {@link SpectralDna}, small enough for an
 * event (at most 64 KB as JSON even for a 2-hour file): the mel thumbnail as 8-bit levels over an
 * 80 dB range below its loudest cell, values rounded to what a chart can show, and the per-second
 * loudness and the beat grid capped at {@value #MAX_LOUDNESS_SECONDS} values and
 * {@value #MAX_BEATS} beats (40 minutes of loudness, 12.5 minutes of beats at 120 BPM).
 */
public final class SpectralDnaBuilder {

    static final int MAX_LOUDNESS_SECONDS = 2_400;
    static final int MAX_BEATS = 1_500;
    private static final double DYNAMIC_RANGE_DB = 80.0;

    private SpectralDnaBuilder() {
    }

    public static SpectralDna build(MelThumbnail thumbnail, double framesPerSecond, double[] chroma,
                                    double[] loudnessPerSecond, double[] beatSeconds) {
        int bands = thumbnail.bands();
        int columns = thumbnail.columns();
        double ceiling = -200.0;
        for (int band = 0; band < bands; band++) {
            for (int column = 0; column < columns; column++) {
                ceiling = Math.max(ceiling, thumbnail.decibels(band, column));
            }
        }
        ceiling = Math.ceil(ceiling);
        double floor = ceiling - DYNAMIC_RANGE_DB;
        byte[] levels = new byte[bands * columns];
        for (int band = 0; band < bands; band++) {
            for (int column = 0; column < columns; column++) {
                double scaled = (thumbnail.decibels(band, column) - floor) / DYNAMIC_RANGE_DB * 255.0;
                levels[band * columns + column] = (byte) Math.max(0, Math.min(255, Math.round(scaled)));
            }
        }
        double secondsPerColumn = round(thumbnail.framesPerColumn() / framesPerSecond, 1e4);
        return new SpectralDna(bands, columns, secondsPerColumn, Base64.getEncoder().encodeToString(levels),
                floor, ceiling, normalisedChroma(chroma),
                rounded(Arrays.copyOf(loudnessPerSecond, Math.min(loudnessPerSecond.length, MAX_LOUDNESS_SECONDS)), 10),
                rounded(Arrays.copyOf(beatSeconds, Math.min(beatSeconds.length, MAX_BEATS)), 100));
    }

    private static double[] normalisedChroma(double[] chroma) {
        double max = Arrays.stream(chroma).max().orElse(0);
        double[] normalised = new double[chroma.length];
        for (int i = 0; i < chroma.length; i++) {
            normalised[i] = max > 0 ? round(chroma[i] / max, 1000) : 0;
        }
        return normalised;
    }

    private static double[] rounded(double[] values, double scale) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = round(values[i], scale);
        }
        return result;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}

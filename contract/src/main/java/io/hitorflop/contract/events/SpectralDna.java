package io.hitorflop.contract.events;

/**
 * What the dashboard draws of a song, all measured from its signal.
 *
 * @param melBands           rows of the thumbnail (low to high frequency)
 * @param columns            columns of the thumbnail (time)
 * @param secondsPerColumn   time one column covers
 * @param melSpectrogram     base64 of melBands x columns bytes, row-major (band by band); 0 means
 *                           {@code floorDb} or less, 255 means {@code ceilingDb}
 * @param floorDb            level of byte 0 in dB
 * @param ceilingDb          level of byte 255 in dB
 * @param chroma             mean energy of the 12 pitch classes, C first, normalised to max 1
 * @param loudnessPerSecond  momentary loudness (LUFS) per second of audio
 * @param beats              beat times in seconds
 */
public record SpectralDna(int melBands, int columns, double secondsPerColumn, String melSpectrogram,
                          double floorDb, double ceilingDb, double[] chroma, double[] loudnessPerSecond,
                          double[] beats) {
}

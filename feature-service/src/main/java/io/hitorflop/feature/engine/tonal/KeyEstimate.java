package io.hitorflop.feature.engine.tonal;

/**
 * @param key        pitch class of the tonic, C = 0 ... B = 11, or -1 when no key is detected
 * @param mode       1 major, 0 minor (0 when there is no key)
 * @param confidence correlation of the chroma with the winning key profile (-1..1; 0 when no key)
 */
public record KeyEstimate(int key, int mode, double confidence) {

    public static final KeyEstimate NONE = new KeyEstimate(-1, 0, 0.0);
}

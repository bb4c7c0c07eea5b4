package io.hitorflop.feature.engine.loudness;

/**
 * @param integratedLufs    gated integrated loudness (BS.1770-4); -70 when every block is below the absolute gate
 * @param rangeLu           loudness range (EBU Tech 3342); 0 when fewer than two short-term values pass the gates
 * @param loudnessPerSecond mean K-weighted loudness of each second, floored at -70 LUFS
 */
public record LoudnessResult(double integratedLufs, double rangeLu, double[] loudnessPerSecond) {
}

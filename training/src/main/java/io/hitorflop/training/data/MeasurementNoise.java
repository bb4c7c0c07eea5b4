package io.hitorflop.training.data;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Replays the feature engine's measurement errors on Spotify's figures, so that the {@code audio}
 * models learn from rows as our engine would measure them: the tempo multiplied by a metrical-level
 * factor, the key replaced by a related one, both with the shares {@link MeasurementErrors} measured
 * on the development corpus, and the loudness moved by a measured meter error plus an offset drawn
 * uniformly within +/-{@value #LOUDNESS_SCALE_HALF_WIDTH_DB} dB.
 *
 * <p>That offset is an assumption, not a measurement: Spotify documents its {@code loudness} only as
 * "the overall loudness of a track in decibels (dB) ... averaged across the entire track", typically
 * -60 to 0 dB; it does not say it follows ITU-R BS.1770, and no published mapping to LUFS exists.
 * Our meter agrees with ffmpeg's BS.1770 meter within 0.06 LU, so the scale mismatch dominates; the
 * models assume the two scales agree up to a few dB, and the +/-3 dB the training report has always
 * probed is the width used.
 */
public final class MeasurementNoise {

    public static final double LOUDNESS_SCALE_HALF_WIDTH_DB = 3.0;
    /** Tempo errors the corpus calls "other" lie between these factors (4/3 and 3/4 were measured). */
    private static final double OTHER_TEMPO_MAX_FACTOR = 4.0 / 3.0;

    private final MeasurementErrors errors;

    public MeasurementNoise(MeasurementErrors errors) {
        this.errors = errors;
    }

    /** The clean rows followed by {@code copies} perturbed copies of each, labels kept. */
    public FeatureMatrix augment(FeatureMatrix clean, int copies, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[clean.size() * (copies + 1)][];
        int[] labels = new int[rows.length];
        for (int copy = 0; copy <= copies; copy++) {
            for (int i = 0; i < clean.size(); i++) {
                int at = copy * clean.size() + i;
                rows[at] = copy == 0 ? clean.rows()[i] : perturb(clean.rows()[i], clean.columns(), random);
                labels[at] = clean.labels()[i];
            }
        }
        return new FeatureMatrix(clean.columns(), rows, labels);
    }

    /** Each row once perturbed (for measuring how stable a verdict is under the noise). */
    public FeatureMatrix perturbed(FeatureMatrix clean, Random random) {
        float[][] rows = new float[clean.size()][];
        for (int i = 0; i < clean.size(); i++) {
            rows[i] = perturb(clean.rows()[i], clean.columns(), random);
        }
        return new FeatureMatrix(clean.columns(), rows, clean.labels());
    }

    float[] perturb(float[] row, List<String> columns, Random random) {
        float[] noisy = row.clone();
        int tempo = columns.indexOf("tempo");
        if (tempo >= 0 && noisy[tempo] > 0) {
            noisy[tempo] = (float) (noisy[tempo] * tempoFactor(draw(errors.tempoFactorShares(), random), random));
        }
        int loudness = columns.indexOf("loudness");
        if (loudness >= 0) {
            double meter = errors.loudnessErrorsLu().get(random.nextInt(errors.loudnessErrorsLu().size()));
            double scale = (2 * random.nextDouble() - 1) * LOUDNESS_SCALE_HALF_WIDTH_DB;
            noisy[loudness] = (float) (noisy[loudness] + meter + scale);
        }
        int key = columns.indexOf("key");
        int mode = columns.indexOf("mode");
        if (key >= 0 && mode >= 0 && noisy[key] >= 0) {
            relate(noisy, key, mode, draw(errors.keyRelationShares(), random), random);
        }
        return noisy;
    }

    private static double tempoFactor(String name, Random random) {
        return switch (name) {
            case "1/3" -> 1.0 / 3;
            case "2/3" -> 2.0 / 3;
            case "other" -> Math.pow(OTHER_TEMPO_MAX_FACTOR, 2 * random.nextDouble() - 1);
            default -> Double.parseDouble(name);
        };
    }

    /** Replaces the key (and mode) by the one in {@code relation} to it, as the engine confuses them. */
    private static void relate(float[] row, int key, int mode, String relation, Random random) {
        int tonic = Math.round(row[key]);
        boolean major = row[mode] >= 0.5f;
        switch (relation) {
            case "dominant" -> row[key] = (tonic + 7) % 12;
            case "subdominant" -> row[key] = (tonic + 5) % 12;
            case "relative" -> {
                row[key] = (tonic + (major ? 9 : 3)) % 12;
                row[mode] = major ? 0 : 1;
            }
            case "parallel" -> row[mode] = major ? 0 : 1;
            case "other" -> {
                row[key] = (tonic + 1 + random.nextInt(11)) % 12;
                row[mode] = random.nextBoolean() ? 1 : 0;
            }
            case "none" -> {
                row[key] = -1;
                row[mode] = 0;
            }
            default -> {
                // "exact": the engine named the key
            }
        }
    }

    private static String draw(Map<String, Double> shares, Random random) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        double u = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> entry : shares.entrySet()) {
            last = entry.getKey();
            u -= entry.getValue();
            if (u < 0) {
                return last;
            }
        }
        return last;
    }
}

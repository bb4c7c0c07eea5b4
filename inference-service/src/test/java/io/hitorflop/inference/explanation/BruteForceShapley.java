package io.hitorflop.inference.explanation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Shapley formula taken literally, for small cases: a feature's value is its mean marginal
 * contribution over all F! orders in which the features can join, each coalition valued one row at
 * a time as the mean over the background of f(song on the coalition, background elsewhere).
 */
final class BruteForceShapley {

    static double[] values(ToDoubleFunction<float[]> f, float[] song, float[][] background) {
        int n = song.length;
        double[] shapley = new double[n];
        List<int[]> orders = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, orders);
        for (int[] order : orders) {
            boolean[] joined = new boolean[n];
            double before = coalitionValue(f, song, background, joined);
            for (int feature : order) {
                joined[feature] = true;
                double after = coalitionValue(f, song, background, joined);
                shapley[feature] += (after - before) / orders.size();
                before = after;
            }
        }
        return shapley;
    }

    static double coalitionValue(ToDoubleFunction<float[]> f, float[] song, float[][] background, boolean[] inSong) {
        double sum = 0;
        for (float[] row : background) {
            float[] hybrid = row.clone();
            for (int i = 0; i < song.length; i++) {
                if (inSong[i]) {
                    hybrid[i] = song[i];
                }
            }
            sum += f.applyAsDouble(hybrid);
        }
        return sum / background.length;
    }

    private static void permute(int[] order, boolean[] used, int position, List<int[]> orders) {
        if (position == order.length) {
            orders.add(order.clone());
            return;
        }
        for (int feature = 0; feature < order.length; feature++) {
            if (!used[feature]) {
                used[feature] = true;
                order[position] = feature;
                permute(order, used, position + 1, orders);
                used[feature] = false;
            }
        }
    }

    private BruteForceShapley() {
    }
}

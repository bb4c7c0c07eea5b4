package io.hitorflop.feature.engine.tempo;

/**
 * Beat times by dynamic programming (Ellis, "Beat Tracking by Dynamic Programming", JNMR 2007, as in
 * librosa's {@code beat_track}): each frame's score is its smoothed onset strength plus the best
 * score of a predecessor between half and twice the beat period back, penalised by the squared log
 * ratio of the gap to the period. The best path is traced back from the end; weak beats at the
 * edges (below half the RMS of the beat strengths) are trimmed.
 */
public final class BeatTracker {

    private static final double TIGHTNESS = 100.0;

    private BeatTracker() {
    }

    /** @return frame indices of the beats, ascending; empty when there is no tempo or no onset energy */
    public static int[] track(double[] envelope, double framesPerSecond, double bpm) {
        int n = envelope.length;
        if (bpm <= 0 || n == 0) {
            return new int[0];
        }
        double period = 60.0 * framesPerSecond / bpm;
        double[] local = localScore(envelope, period);
        if (local == null) {
            return new int[0];
        }
        int minGap = Math.max(1, (int) Math.round(period / 2));
        int maxGap = (int) Math.round(period * 2);
        double[] penalty = new double[maxGap + 1];
        for (int gap = minGap; gap <= maxGap; gap++) {
            double ratio = Math.log(gap / period);
            penalty[gap] = -TIGHTNESS * ratio * ratio;
        }
        double[] cumulative = new double[n];
        int[] predecessor = new int[n];
        for (int t = 0; t < n; t++) {
            double bestPrevious = 0;
            int bestFrom = -1;
            for (int gap = minGap; gap <= maxGap && t - gap >= 0; gap++) {
                double candidate = cumulative[t - gap] + penalty[gap];
                if (bestFrom < 0 || candidate > bestPrevious) {
                    bestPrevious = candidate;
                    bestFrom = t - gap;
                }
            }
            cumulative[t] = local[t] + (bestFrom < 0 ? 0 : bestPrevious);
            predecessor[t] = bestFrom;
        }
        int last = lastBeat(cumulative, (int) Math.ceil(period));
        int count = 0;
        for (int t = last; t >= 0; t = predecessor[t]) {
            count++;
        }
        int[] beats = new int[count];
        for (int t = last, i = count - 1; t >= 0; t = predecessor[t], i--) {
            beats[i] = t;
        }
        return trimWeakEdges(beats, local);
    }

    /** Onset envelope normalised by its standard deviation and smoothed with a Gaussian of period / 32. */
    private static double[] localScore(double[] envelope, double period) {
        int n = envelope.length;
        double mean = 0;
        for (double v : envelope) {
            mean += v;
        }
        mean /= n;
        double variance = 0;
        for (double v : envelope) {
            variance += (v - mean) * (v - mean);
        }
        double deviation = Math.sqrt(variance / n);
        if (deviation <= 1e-12) {
            return null;
        }
        double sigma = Math.max(0.5, period / 32.0);
        int radius = (int) Math.ceil(4 * sigma);
        double[] kernel = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * (k / sigma) * (k / sigma));
        }
        double[] local = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            int from = Math.max(-radius, -t);
            int to = Math.min(radius, n - 1 - t);
            for (int k = from; k <= to; k++) {
                sum += kernel[k + radius] * envelope[t + k];
            }
            local[t] = sum / deviation;
        }
        return local;
    }

    /** The best-scoring frame within the last beat period, where the final beat must lie. */
    private static int lastBeat(double[] cumulative, int period) {
        int best = cumulative.length - 1;
        for (int t = Math.max(0, cumulative.length - period); t < cumulative.length; t++) {
            if (cumulative[t] > cumulative[best]) {
                best = t;
            }
        }
        return best;
    }

    private static int[] trimWeakEdges(int[] beats, double[] local) {
        if (beats.length == 0) {
            return beats;
        }
        double squares = 0;
        for (int beat : beats) {
            squares += local[beat] * local[beat];
        }
        double threshold = 0.5 * Math.sqrt(squares / beats.length);
        int from = 0;
        while (from < beats.length && local[beats[from]] < threshold) {
            from++;
        }
        int to = beats.length;
        while (to > from && local[beats[to - 1]] < threshold) {
            to--;
        }
        return java.util.Arrays.copyOfRange(beats, from, to);
    }
}

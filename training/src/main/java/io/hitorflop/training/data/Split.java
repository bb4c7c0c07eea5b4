package io.hitorflop.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A train/test partition of row indices (both ascending) and the ways this project makes one.
 * Every shuffle uses {@link Random} with the run's seed, so a split is a pure function of the
 * data order and the seed.
 */
public record Split(int[] train, int[] test) {

    /** Whole groups go to test, in seeded random order, until the test part holds {@code testFraction} of the rows. */
    public static Split grouped(TrackGroups groups, double testFraction, long seed) {
        int[] order = shuffledComponents(groups.count(), seed);
        int[] rowsPerComponent = new int[groups.count()];
        for (int i = 0; i < groups.size(); i++) {
            rowsPerComponent[groups.componentOf(i)]++;
        }
        boolean[] inTest = new boolean[groups.count()];
        long target = Math.round(testFraction * groups.size());
        long taken = 0;
        for (int component : order) {
            if (taken >= target) {
                break;
            }
            inTest[component] = true;
            taken += rowsPerComponent[component];
        }
        return partition(groups.size(), i -> inTest[groups.componentOf(i)]);
    }

    /** Per class, a seeded shuffle puts {@code testFraction} of the rows into test (scikit-learn's stratified split, ungrouped). */
    public static Split stratified(int[] labels, double testFraction, long seed) {
        boolean[] inTest = new boolean[labels.length];
        Random random = new Random(seed);
        for (int label : new int[]{0, 1}) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, random);
            long testRows = Math.round(testFraction * rows.size());
            for (int i = 0; i < testRows; i++) {
                inTest[rows.get(i)] = true;
            }
        }
        return partition(labels.length, i -> inTest[i]);
    }

    /**
     * Fold number per row for grouped k-fold cross-validation: components in seeded random order,
     * each into the fold that has the fewest rows so far.
     */
    public static int[] groupedFolds(TrackGroups groups, int folds, long seed) {
        int[] rowsPerComponent = new int[groups.count()];
        for (int i = 0; i < groups.size(); i++) {
            rowsPerComponent[groups.componentOf(i)]++;
        }
        int[] foldOfComponent = new int[groups.count()];
        long[] foldRows = new long[folds];
        for (int component : shuffledComponents(groups.count(), seed)) {
            int smallest = 0;
            for (int f = 1; f < folds; f++) {
                if (foldRows[f] < foldRows[smallest]) {
                    smallest = f;
                }
            }
            foldOfComponent[component] = smallest;
            foldRows[smallest] += rowsPerComponent[component];
        }
        return IntStream.range(0, groups.size()).map(i -> foldOfComponent[groups.componentOf(i)]).toArray();
    }

    /** Rows of the rarer class all kept, the other class randomly cut to the same count (the old protocol's 1:1 undersampling). */
    public static int[] undersampled(int[] labels, long seed) {
        List<Integer> hits = new ArrayList<>();
        List<Integer> flops = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            (labels[i] == 1 ? hits : flops).add(i);
        }
        List<Integer> larger = hits.size() > flops.size() ? hits : flops;
        List<Integer> smaller = larger == hits ? flops : hits;
        Collections.shuffle(larger, new Random(seed));
        int[] kept = IntStream.concat(smaller.stream().mapToInt(Integer::intValue),
                larger.subList(0, smaller.size()).stream().mapToInt(Integer::intValue)).toArray();
        Arrays.sort(kept);
        return kept;
    }

    private static int[] shuffledComponents(int count, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, count).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Split partition(int n, IntPredicate testRow) {
        return new Split(IntStream.range(0, n).filter(testRow.negate()).toArray(),
                IntStream.range(0, n).filter(testRow).toArray());
    }
}

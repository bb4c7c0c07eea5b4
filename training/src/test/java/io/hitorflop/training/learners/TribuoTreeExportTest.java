package io.hitorflop.training.learners;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TribuoTreeExportTest {

    /** For every float x: x <= t in double exactly when x <= the exported float threshold. */
    @Test
    void floatThresholdSendsEveryFloatTheSameWayAsTheDoubleSplit() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 100_000; trial++) {
            float a = (float) (random.nextDouble(-100, 100));
            float b = random.nextBoolean() ? Math.nextUp(a) : (float) (a + random.nextDouble(0, 1));
            double split = ((double) a + (double) b) / 2;
            float threshold = TribuoTreeExport.largestFloatNotAbove(split);
            for (float x : new float[]{a, b, Math.nextDown(a), Math.nextUp(a), Math.nextDown(b), threshold, Math.nextUp(threshold)}) {
                assertThat(x <= threshold).as("x=%s split=%s", x, split).isEqualTo(x <= split);
            }
        }
    }
}

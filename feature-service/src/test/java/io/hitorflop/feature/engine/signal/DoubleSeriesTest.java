package io.hitorflop.feature.engine.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoubleSeriesTest {

    @Test
    void keepsEveryValueInOrderPastItsInitialCapacity() {
        DoubleSeries series = new DoubleSeries();
        for (int i = 0; i < 1000; i++) {
            series.add(i * 0.5);
        }
        assertThat(series.size()).isEqualTo(1000);
        assertThat(series.get(999)).isEqualTo(499.5);
        double[] values = series.toArray();
        assertThat(values).hasSize(1000);
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).isEqualTo(i * 0.5);
        }
    }

    @Test
    void readsOnlyWhatWasAdded() {
        DoubleSeries series = new DoubleSeries();
        series.add(1.0);
        assertThatThrownBy(() -> series.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(new DoubleSeries().toArray()).isEmpty();
    }
}

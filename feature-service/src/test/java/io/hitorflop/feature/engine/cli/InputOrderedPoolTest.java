package io.hitorflop.feature.engine.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputOrderedPoolTest {

    @Test
    void resultsComeInInputOrderWhenALaterInputFinishesFirst() {
        CountDownLatch secondDone = new CountDownLatch(1);
        List<Integer> emitted = new ArrayList<>();

        InputOrderedPool.map(List.of(0, 1, 2, 3, 4), 2, input -> {
            if (input == 0) {
                await(secondDone); // the first input finishes only after the second
            }
            if (input == 1) {
                secondDone.countDown();
            }
            return input * 10;
        }, emitted::add);

        assertThat(emitted).containsExactly(0, 10, 20, 30, 40);
    }

    @Test
    void runsUpToJobsAtOnceOnDistinctThreads() {
        CountDownLatch bothRunning = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        InputOrderedPool.map(List.of(0, 1), 2, input -> {
            threads.add(Thread.currentThread().getName());
            bothRunning.countDown();
            await(bothRunning); // returns only when the two inputs run at the same time
            return input;
        }, result -> { });

        assertThat(threads).hasSize(2);
    }

    @Test
    void startsAtMostTwiceTheJobsAheadOfTheOldestUnemittedResult() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger emitted = new AtomicInteger();
        List<Integer> ahead = new ArrayList<>();

        InputOrderedPool.map(IntStream.range(0, 50).boxed().toList(), 3, input -> {
            started.incrementAndGet();
            return input;
        }, result -> ahead.add(started.get() - emitted.getAndIncrement()));

        assertThat(ahead).hasSize(50).allSatisfy(count -> assertThat(count).isBetween(1, 6));
    }

    @Test
    void refusesLessThanOneJob() {
        assertThatThrownBy(() -> InputOrderedPool.map(List.of(1), 0, input -> input, result -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

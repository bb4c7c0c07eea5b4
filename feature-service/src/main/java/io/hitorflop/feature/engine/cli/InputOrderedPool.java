package io.hitorflop.feature.engine.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies {@code work} to the inputs on {@code jobs} threads and hands the results to
 * {@code sink} in input order, on the calling thread. At most {@code 2 x jobs} inputs are
 * started ahead of the oldest unfinished one, so the results waiting for their turn stay few
 * however many inputs there are. {@code work} must not throw: it turns its failures into results.
 */
final class InputOrderedPool {

    private InputOrderedPool() {
    }

    static <I, R> void map(List<I> inputs, int jobs, Function<I, R> work, Consumer<R> sink) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
        int window = 2 * jobs;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread thread = new Thread(runnable, "features-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<CompletableFuture<R>> started = new ArrayDeque<>();
            for (I input : inputs) {
                if (started.size() == window) {
                    sink.accept(started.removeFirst().join());
                }
                started.addLast(CompletableFuture.supplyAsync(() -> work.apply(input), pool));
            }
            while (!started.isEmpty()) {
                sink.accept(started.removeFirst().join());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

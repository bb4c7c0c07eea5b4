package io.hitorflop.inference.messaging;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadNicenessTest {

    @Test
    void theCallingThreadAloneGetsTheNiceValue() throws Exception {
        OptionalInt before = ThreadNiceness.currentNiceness();
        ExecutorService explaining = Executors.newSingleThreadExecutor();
        try {
            OptionalInt lowered = CompletableFuture.supplyAsync(() -> {
                new ThreadNiceness(19).applyToCurrentThread();
                return ThreadNiceness.currentNiceness();
            }, explaining).get(30, TimeUnit.SECONDS);

            assertThat(lowered).hasValue(19);
            assertThat(ThreadNiceness.currentNiceness()).as("the test's own thread is untouched").isEqualTo(before);
        } finally {
            explaining.shutdownNow();
        }
    }

    @Test
    void zeroLeavesTheThreadAsItIs() throws Exception {
        ExecutorService explaining = Executors.newSingleThreadExecutor();
        try {
            OptionalInt unchanged = CompletableFuture.supplyAsync(() -> {
                OptionalInt before = ThreadNiceness.currentNiceness();
                new ThreadNiceness(0).applyToCurrentThread();
                return before.equals(ThreadNiceness.currentNiceness()) ? before : OptionalInt.of(-100);
            }, explaining).get(30, TimeUnit.SECONDS);

            assertThat(unchanged).isPresent().isNotEqualTo(OptionalInt.of(-100));
        } finally {
            explaining.shutdownNow();
        }
    }

    @Test
    void onlyNiceValuesFromZeroToNineteenAreAccepted() {
        assertThatThrownBy(() -> new ThreadNiceness(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadNiceness(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

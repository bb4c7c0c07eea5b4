package io.hitorflop.ingest.audio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TranscodeSlotsTest {

    @Test
    void audioBeyondTheSlotsWaitsThenIsRefusedAsBusy() throws Exception {
        TranscodeSlots slots = new TranscodeSlots(2, Duration.ofMillis(100));
        try (TranscodeSlots.Slot first = slots.acquire(); TranscodeSlots.Slot second = slots.acquire()) {
            assertThatThrownBy(slots::acquire)
                    .isInstanceOf(IntakeBusyException.class)
                    .hasMessageContaining("(2)")
                    .hasMessageContaining("0.1 s");
        }
        try (TranscodeSlots.Slot again = slots.acquire()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aWaitingTranscodeGetsTheSlotThatIsReleased() throws Exception {
        TranscodeSlots slots = new TranscodeSlots(1, Duration.ofSeconds(30));
        TranscodeSlots.Slot held = slots.acquire();
        CompletableFuture<Boolean> acquired = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try (TranscodeSlots.Slot slot = slots.acquire()) {
                acquired.complete(true);
            } catch (Exception e) {
                acquired.complete(false);
            }
        });
        waiter.start();

        // parked in the semaphore's timed wait: it has asked for the slot and not got it
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        assertThat(acquired).isNotDone();
        held.close();

        assertThat(acquired.get(10, TimeUnit.SECONDS)).isTrue();
    }
}

package io.hitorflop.ingest.audio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (TranscodeSlots.Slot slot = slots.acquire()) {
                return true;
            } catch (Exception e) {
                return false;
            }
        });

        Thread.sleep(200);
        assertThat(waiter).isNotDone();
        held.close();

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }
}

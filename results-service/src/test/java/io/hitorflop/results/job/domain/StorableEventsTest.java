package io.hitorflop.results.job.domain;

import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StorableEventsTest {

    private final StorableEvents storable = new StorableEvents(new EventText(16));

    private static JobAccepted accepted(String featureSet, String name, String owner, String webhook) {
        return new JobAccepted(1, UUID.randomUUID(), UUID.randomUUID(), Instant.now(), JobSource.AUDIO_UPLOAD,
                featureSet, name, owner, webhook);
    }

    @Test
    void soundTextIsStoredAsItIs() {
        assertThat(storable.problem(accepted("audio", "Song \uD83C\uDFB5.mp3", "alice", "https://h.ex"))).isNull();
        assertThat(storable.problem(accepted("spotify", null, null, null))).isNull();
    }

    @Test
    void eachUnstorableFieldIsNamedWithoutItsText() {
        assertThat(storable.problem(accepted("audio", "a\u0000b", "alice", null)))
                .isEqualTo("JobAccepted cannot be stored: sourceName holds a NUL character");
        assertThat(storable.problem(accepted("audio", "x\uD800", "al\u0000ice", "https://h.example/" + "p".repeat(20))))
                .isEqualTo("JobAccepted cannot be stored: sourceName is not valid Unicode (a lone surrogate); "
                        + "owner holds a NUL character; webhookUrl is 38 characters long; the limit is 16");
        assertThat(storable.problem(accepted("audio-but-longer-than-twenty", "a", null, null)))
                .isEqualTo("JobAccepted cannot be stored: featureSet is not a known feature set");
    }

    @Test
    void theStorablePartCleansTheNameAndDropsAnUnsoundOwnerOrUrl() {
        JobAccepted dirty = accepted("nonsense", "a\u0000b\uDC00" + "c".repeat(40), "al\u0000ice", "https://h.example/x");

        JobAccepted kept = storable.storablePart(dirty);

        assertThat(kept.sourceName()).isEqualTo("ab\uFFFD" + "c".repeat(13)).hasSize(16);
        assertThat(kept.owner()).isNull();
        assertThat(kept.webhookUrl()).isNull();
        assertThat(kept.featureSet()).isNull();
        assertThat(kept.eventId()).isEqualTo(dirty.eventId());
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        assertThat(new EventText(4).clean("abc\uD83C\uDFB5")).isEqualTo("abc");
        assertThat(new EventText(5).clean("abc\uD83C\uDFB5")).isEqualTo("abc\uD83C\uDFB5");
    }
}

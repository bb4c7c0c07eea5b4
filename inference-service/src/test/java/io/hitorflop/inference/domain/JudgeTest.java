package io.hitorflop.inference.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeTest {

    @Test
    void aRedeliveredEventGivesTheSameOutcomeIdAndADifferentEventAnother() {
        UUID incoming = UUID.randomUUID();

        assertThat(Judge.derivedEventId(incoming)).isEqualTo(Judge.derivedEventId(incoming))
                .isNotEqualTo(incoming)
                .isNotEqualTo(Judge.derivedEventId(UUID.randomUUID()));
        assertThat(Judge.derivedEventId(incoming).version()).isEqualTo(3);
    }
}

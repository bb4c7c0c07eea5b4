package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DurationLimitsTest {

    private final DurationLimits limits = new DurationLimits(Duration.ofSeconds(1), Duration.ofMinutes(15));

    @Test
    void acceptsAudioWithinTheRange() {
        assertThatCode(() -> limits.check(lasting(Duration.ofMinutes(3)))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(lasting(Duration.ofMinutes(15)))).doesNotThrowAnyException();
    }

    @Test
    void tooLongAudioIsAudioTooLong() {
        AudioRejectedException rejected = catchThrowableOfType(AudioRejectedException.class,
                () -> limits.check(lasting(Duration.ofMinutes(15).plusMillis(1))));
        assertThat(rejected.problemType()).isEqualTo(ProblemType.AUDIO_TOO_LONG);
        assertThat(rejected.getMessage()).isEqualTo("the audio lasts 900.0 s; the limit is 900.0 s");
    }

    @Test
    void emptyAndTooShortAudioCannotBeMeasured() {
        assertThat(catchThrowableOfType(AudioRejectedException.class, () -> limits.check(lasting(Duration.ZERO))))
                .hasMessage("the audio stream is empty");
        assertThat(catchThrowableOfType(AudioRejectedException.class,
                () -> limits.check(lasting(Duration.ofMillis(400)))).problemType())
                .isEqualTo(ProblemType.UNSUPPORTED_AUDIO);
    }

    private static ProbedAudio lasting(Duration duration) {
        return new ProbedAudio("wav", "pcm_s16le", 2, 44_100, "stereo", duration);
    }
}

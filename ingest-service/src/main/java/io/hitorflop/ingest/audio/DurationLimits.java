package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.ProblemType;

import java.time.Duration;

/** The range of durations the feature engine and the models accept (duration_ms is a model input). */
record DurationLimits(Duration min, Duration max) {

    void check(ProbedAudio audio) throws AudioRejectedException {
        if (audio.duration().isZero()) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "the audio stream is empty");
        }
        if (audio.duration().compareTo(min) < 0) {
            throw new AudioRejectedException(ProblemType.UNSUPPORTED_AUDIO, "the audio lasts " + seconds(audio.duration())
                    + " s; at least " + seconds(min) + " s is needed");
        }
        if (audio.duration().compareTo(max) > 0) {
            throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, "the audio lasts " + seconds(audio.duration())
                    + " s; the limit is " + seconds(max) + " s");
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}

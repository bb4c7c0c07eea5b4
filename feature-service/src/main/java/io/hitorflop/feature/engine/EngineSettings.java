package io.hitorflop.feature.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs ffmpeg and how much audio it accepts and analyses.
 *
 * @param ffmpegPath         the ffmpeg executable (a name on the PATH or an absolute path)
 * @param decodeTimeout      wall-clock limit for one decode; the process is killed when it passes
 * @param maxDuration        longer input is rejected with {@code AUDIO_TOO_LONG}
 * @param analysisSampleRate the mono analysis signal (tempo, key, spectral) runs at the source rate
 *                           divided by the integer nearest to source / this (22,050 Hz: 44.1 kHz is
 *                           halved, 48 kHz becomes 24 kHz); loudness and peak always use the original
 *                           channels at the original rate
 */
public record EngineSettings(String ffmpegPath, Duration decodeTimeout, Duration maxDuration,
                             int analysisSampleRate) {

    public EngineSettings {
        Objects.requireNonNull(ffmpegPath, "ffmpegPath");
        Objects.requireNonNull(decodeTimeout, "decodeTimeout");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (decodeTimeout.isNegative() || decodeTimeout.isZero()) {
            throw new IllegalArgumentException("decodeTimeout must be positive, was " + decodeTimeout);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
        if (analysisSampleRate < 8_000 || analysisSampleRate > 48_000) {
            throw new IllegalArgumentException("analysisSampleRate must be 8000..48000 Hz, was " + analysisSampleRate);
        }
    }

    /** ffmpeg from the PATH, 2 minutes per decode, tracks up to 2 hours, 22,050 Hz analysis. */
    public static EngineSettings defaults() {
        return new EngineSettings("ffmpeg", Duration.ofMinutes(2), Duration.ofHours(2), 22_050);
    }

    public EngineSettings withDecodeTimeout(Duration timeout) {
        return new EngineSettings(ffmpegPath, timeout, maxDuration, analysisSampleRate);
    }

    public EngineSettings withMaxDuration(Duration limit) {
        return new EngineSettings(ffmpegPath, decodeTimeout, limit, analysisSampleRate);
    }
}

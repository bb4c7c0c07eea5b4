package io.hitorflop.feature.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs ffmpeg and how much audio it accepts and analyses.
 *
 * @param ffmpegPath         the ffmpeg executable (a name on the PATH or an absolute path)
 * @param ffprobePath        the ffprobe executable
 * @param decodeTimeout      wall-clock limit for one decode; the process is killed when it passes
 * @param maxDuration        longer input is rejected with {@code AUDIO_TOO_LONG}
 * @param analysisSampleRate rate the mono analysis signal (tempo, key, spectral) is decoded at;
 *                           loudness always runs on the original channels at the original rate
 * @param maxAnalysedSpectralSeconds tempo, key and spectral descriptors look at most this much audio
 *                           (taken from the middle of the track) so memory stays bounded; loudness,
 *                           peak, RMS and duration always cover the whole track
 */
public record EngineSettings(String ffmpegPath, String ffprobePath, Duration decodeTimeout, Duration maxDuration,
                             int analysisSampleRate, int maxAnalysedSpectralSeconds) {

    public EngineSettings {
        Objects.requireNonNull(ffmpegPath, "ffmpegPath");
        Objects.requireNonNull(ffprobePath, "ffprobePath");
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
        if (maxAnalysedSpectralSeconds < 10) {
            throw new IllegalArgumentException("maxAnalysedSpectralSeconds must be at least 10, was "
                    + maxAnalysedSpectralSeconds);
        }
    }

    /** ffmpeg/ffprobe from the PATH, 2 minutes per decode, tracks up to 2 hours, 22,050 Hz analysis. */
    public static EngineSettings defaults() {
        return new EngineSettings("ffmpeg", "ffprobe", Duration.ofMinutes(2), Duration.ofHours(2), 22_050, 600);
    }

    public EngineSettings withDecodeTimeout(Duration timeout) {
        return new EngineSettings(ffmpegPath, ffprobePath, timeout, maxDuration, analysisSampleRate,
                maxAnalysedSpectralSeconds);
    }

    public EngineSettings withMaxDuration(Duration limit) {
        return new EngineSettings(ffmpegPath, ffprobePath, decodeTimeout, limit, analysisSampleRate,
                maxAnalysedSpectralSeconds);
    }
}

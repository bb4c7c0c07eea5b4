package io.hitorflop.feature.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the feature service runs the engine and publishes ({@code hitorflop.feature.*}). */
@ConfigMapping(prefix = "hitorflop.feature")
public interface FeatureConfig {

    /** ffmpeg executable, a name on the PATH or an absolute path. */
    @WithDefault("ffmpeg")
    String ffmpegPath();

    /** Wall-clock limit of one decode; ffmpeg is killed when it passes and the record is retried. */
    @WithDefault("PT2M")
    Duration decodeTimeout();

    /** Longer audio fails the job with audio-too-long (ingest already refuses it; this guards the engine). */
    @WithDefault("PT20M")
    Duration maxAudioDuration();

    /** Target rate of the mono signal tempo, key and spectral descriptors are measured on (see EngineSettings). */
    @WithDefault("22050")
    int analysisSampleRate();

    /** How long the consumer waits for the broker to acknowledge the outcome before retrying the record. */
    @WithDefault("PT10S")
    Duration publishTimeout();

    /** When a measured track is refused as not-music (see {@code MusicalContentCheck}). */
    MusicalContent musicalContent();

    /** {@code hitorflop.feature.musical-content.*}; the defaults are the engine's own thresholds. */
    interface MusicalContent {

        /** Integrated loudness at or below which a track is silence (BS.1770's absolute gate). */
        @WithDefault("-70")
        double silenceLufs();

        /** Pulse strength from which a track has beats (above what noise reaches by chance, see MusicalContentCheck). */
        @WithDefault("0.3")
        double minPulseStrength();

        /** Key-profile correlation from which a track has a key (the key estimator's threshold). */
        @WithDefault("0.5")
        double minKeyCorrelation();

        /** Pitch classes at half the strongest's chroma or more that a track without beats needs. */
        @WithDefault("3")
        int minPitchClasses();
    }
}

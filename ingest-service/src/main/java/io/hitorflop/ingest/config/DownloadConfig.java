package io.hitorflop.ingest.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Fetching submitted links ({@code hitorflop.download.*}). */
@ConfigMapping(prefix = "hitorflop.download")
public interface DownloadConfig {

    /** Limit for opening a connection. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Limit for the first byte of an answer and for each silence while reading it. */
    @WithDefault("PT30S")
    Duration readTimeout();

    /** Wall-clock limit for one body transfer. */
    @WithDefault("PT5M")
    Duration transferTimeout();

    /** Redirects followed, each re-checked by the egress guard. */
    @WithDefault("5")
    int maxRedirects();

    /** Bodies longer than this are refused while streaming (payload-too-large). */
    @WithDefault("104857600")
    long maxBytes();

    /** yt-dlp executable, a name on the PATH or an absolute path. */
    @WithDefault("yt-dlp")
    String ytDlpPath();

    /** Wall-clock limit for yt-dlp reading a page; the process is killed when it passes. */
    @WithDefault("PT90S")
    Duration ytDlpTimeout();

    /** User-Agent of direct downloads. */
    @WithDefault("HitOrFlop/1.0 (+https://hitorflop.io)")
    String userAgent();
}

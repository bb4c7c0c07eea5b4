package io.hitorflop.ingest.link.domain;

import io.hitorflop.contract.ProblemType;

import java.util.Locale;

/**
 * Reads why yt-dlp gave up from its {@code ERROR:} lines. The phrases are yt-dlp's own messages
 * (YoutubeDL, extractor/common, extractor/youtube), and the guarded proxy's refusal, which yt-dlp
 * repeats from its status line; anything unrecognised is a plain download failure.
 */
final class YtDlpRefusal {

    private YtDlpRefusal() {
    }

    static ProblemType classify(String stderr) {
        String text = stderr.toLowerCase(Locale.ROOT);
        if (text.contains(GuardedForwardProxy.REFUSAL.toLowerCase(Locale.ROOT))) {
            return ProblemType.FORBIDDEN_URL;
        }
        if (text.contains("not a bot") || text.contains("captcha") || text.contains("sign in to confirm")) {
            return ProblemType.BOT_CHECK;
        }
        if (text.contains("http error 403") || text.contains("http error 401") || text.contains("forbidden")) {
            return ProblemType.SOURCE_FORBIDDEN;
        }
        if (text.contains("live event will begin") || text.contains("premieres in") || text.contains("is live")
                || text.contains("live stream")) {
            return ProblemType.LIVE_STREAM;
        }
        if (text.contains("unsupported url") || text.contains("requested format is not available")
                || text.contains("no video formats found") || text.contains("no formats found")) {
            return ProblemType.NO_AUDIO;
        }
        return ProblemType.DOWNLOAD_FAILED;
    }

    /** The most telling line: the last {@code ERROR:} line, or the last line. */
    static String reason(String stderr) {
        String[] lines = stderr.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("ERROR:")) {
                return lines[i].strip();
            }
        }
        return lines[lines.length - 1].strip();
    }
}

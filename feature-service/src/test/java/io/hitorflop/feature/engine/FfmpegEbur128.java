package io.hitorflop.feature.engine;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ffmpeg's own EBU R128 meter (the ebur128 filter), as an independent reference. */
record FfmpegEbur128(double integratedLufs, double rangeLu) {

    private static final Pattern INTEGRATED = Pattern.compile("Integrated loudness:\\s+I:\\s+(-?[0-9.]+) LUFS");
    private static final Pattern RANGE = Pattern.compile("Loudness range:\\s+LRA:\\s+([0-9.]+) LU");

    static FfmpegEbur128 measure(Path file) {
        // Debian's ffmpeg 5.1 rejects framelog=quiet; TestAudio.ffmpeg fails on a non-zero exit, so an
        // unparsed summary can never be read as 0.0
        String log = TestAudio.ffmpeg("-nostats", "-i", file.toString(), "-af", "ebur128", "-f", "null", "-");
        int summary = log.lastIndexOf("Summary:");
        if (summary < 0) {
            throw new AssertionError("no ebur128 summary in ffmpeg's output:\n" + log);
        }
        String tail = log.substring(summary);
        return new FfmpegEbur128(find(INTEGRATED, tail), find(RANGE, tail));
    }

    private static double find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("pattern " + pattern + " not in ebur128 summary:\n" + text);
        }
        return Double.parseDouble(matcher.group(1));
    }
}

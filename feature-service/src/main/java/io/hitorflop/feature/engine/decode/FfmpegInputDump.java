package io.hitorflop.feature.engine.decode;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ffmpeg reports about its input before it decodes (the "Input #0" section its info log prints,
 * libavformat's {@code av_dump_format}): the container, the first audio stream's codec, rate and
 * channel layout, and the duration. It answers what a separate ffprobe process was run for, without
 * starting one: each ffmpeg/ffprobe process costs about 0.07 s of CPU just to load here.
 *
 * @param container       libavformat's name of the demuxer ("ogg", "mov,mp4,m4a,3gp,3g2,mj2"), as ffprobe's format_name
 * @param audio           the first audio stream, if the input has one
 * @param durationSeconds the container's duration, printed to the centisecond; 0 when unknown ("N/A")
 */
record FfmpegInputDump(String container, Optional<AudioStream> audio, double durationSeconds) {

    /**
     * @param codec         libavcodec's codec name ("vorbis", "pcm_s16le"), as ffprobe's codec_name
     * @param sampleRate    Hz, 0 when ffmpeg prints none
     * @param channelLayout ffmpeg's layout name ("stereo", "5.1(side)"), empty when it names none ("6 channels")
     */
    record AudioStream(String codec, int sampleRate, String channelLayout) {
    }

    private static final Pattern INPUT = Pattern.compile("^Input #0, (.+), from '.*':$");
    private static final Pattern DURATION = Pattern.compile("^  Duration: (?:(\\d+):(\\d{2}):(\\d{2})\\.(\\d{2})|N/A)");
    /** "  Stream #0:1[0x2](eng): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s" */
    private static final Pattern AUDIO_STREAM = Pattern.compile("^  Stream #0:\\d+\\S*: Audio: ([^ ,]+)(.*)$");
    private static final Pattern RATE_AND_LAYOUT = Pattern.compile(", (\\d+) Hz(?:, ([^,]+))?");
    private static final Pattern UNNAMED_LAYOUT = Pattern.compile("^\\d+ channels\\b.*");

    /** Parses the section's lines (the "Input #0" line and the indented lines after it); empty when there is none. */
    static Optional<FfmpegInputDump> parse(List<String> section) {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Matcher input = INPUT.matcher(section.get(0));
        if (!input.matches()) {
            return Optional.empty();
        }
        double duration = 0;
        AudioStream audio = null;
        for (String line : section.subList(1, section.size())) {
            Matcher durationLine = DURATION.matcher(line);
            if (durationLine.find() && durationLine.group(1) != null) {
                duration = Integer.parseInt(durationLine.group(1)) * 3600.0 + Integer.parseInt(durationLine.group(2)) * 60.0
                        + Integer.parseInt(durationLine.group(3)) + Integer.parseInt(durationLine.group(4)) / 100.0;
            }
            Matcher stream = AUDIO_STREAM.matcher(line);
            if (audio == null && stream.matches()) {
                audio = audioStream(stream.group(1), stream.group(2));
            }
        }
        return Optional.of(new FfmpegInputDump(input.group(1), Optional.ofNullable(audio), duration));
    }

    private static AudioStream audioStream(String codec, String rest) {
        Matcher rateAndLayout = RATE_AND_LAYOUT.matcher(rest);
        if (!rateAndLayout.find()) {
            return new AudioStream(codec, 0, "");
        }
        String layout = rateAndLayout.group(2) == null ? "" : rateAndLayout.group(2).strip();
        return new AudioStream(codec, Integer.parseInt(rateAndLayout.group(1)),
                UNNAMED_LAYOUT.matcher(layout).matches() ? "" : layout);
    }
}

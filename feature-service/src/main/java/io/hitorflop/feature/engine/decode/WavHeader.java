package io.hitorflop.feature.engine.decode;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The RIFF/WAVE header (Microsoft RIFF specification, 1991; WAVE_FORMAT_EXTENSIBLE) that ffmpeg
 * writes before the PCM: its channel count and rate frame the samples that follow, exactly as
 * decoded. Reading it consumes the stream up to the first sample; the sizes are not used (ffmpeg
 * cannot fill them in on a pipe).
 */
record WavHeader(int channels, int sampleRate) {

    /** "RIFF" and "WAVE" read as little-endian ints: the first and third words of a WAVE file. */
    static final int RIFF = 0x46464952;
    static final int WAVE = 0x45564157;
    private static final int FMT = 0x20746d66;
    private static final int DATA = 0x61746164;

    /**
     * @throws EOFException the stream ended before the first sample (ffmpeg failed or found nothing)
     * @throws IOException  the stream is not WAVE or could not be read
     */
    static WavHeader read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (littleEndianInt(data) != RIFF) {
            throw new IOException("ffmpeg's output does not start with a RIFF header");
        }
        littleEndianInt(data);
        if (littleEndianInt(data) != WAVE) {
            throw new IOException("ffmpeg's output is RIFF but not WAVE");
        }
        int channels = -1;
        int sampleRate = -1;
        while (true) {
            int chunk = littleEndianInt(data);
            long size = littleEndianInt(data) & 0xFFFF_FFFFL;
            if (chunk == DATA) {
                if (channels < 0) {
                    throw new IOException("ffmpeg's WAVE output has no fmt chunk before its data");
                }
                return new WavHeader(channels, sampleRate);
            }
            long skip = size + (size & 1);
            if (chunk == FMT) {
                littleEndianShort(data);
                channels = littleEndianShort(data);
                sampleRate = littleEndianInt(data);
                skip -= 8;
            }
            data.skipNBytes(skip);
        }
    }

    private static int littleEndianInt(DataInputStream data) throws IOException {
        return Integer.reverseBytes(data.readInt());
    }

    private static int littleEndianShort(DataInputStream data) throws IOException {
        return Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
    }
}

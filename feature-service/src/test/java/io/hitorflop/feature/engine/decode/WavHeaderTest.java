package io.hitorflop.feature.engine.decode;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavHeaderTest {

    @Test
    void readsChannelsAndRateOfAnExtensibleHeaderAndStopsAtTheFirstSample() throws IOException {
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(ascii("RIFF"));
        wav.writeBytes(le32(-1));
        wav.writeBytes(ascii("WAVE"));
        wav.writeBytes(ascii("fmt "));
        wav.writeBytes(le32(40));
        ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 0xFFFE).putShort((short) 6).putInt(48_000).putInt(48_000 * 24).putShort((short) 24)
                .putShort((short) 32).putShort((short) 22).putShort((short) 32).putInt(0x3F);
        wav.writeBytes(fmt.array());
        wav.writeBytes(ascii("LIST"));
        wav.writeBytes(le32(3));
        wav.writeBytes(new byte[] {1, 2, 3, 0});
        wav.writeBytes(ascii("data"));
        wav.writeBytes(le32(-1));
        wav.writeBytes(new byte[] {42});
        InputStream in = new ByteArrayInputStream(wav.toByteArray());

        assertThat(WavHeader.read(in)).isEqualTo(new WavHeader(6, 48_000));
        assertThat(in.read()).isEqualTo(42);
    }

    @Test
    void anEmptyStreamEndsAndTextIsNotWave() {
        assertThatThrownBy(() -> WavHeader.read(new ByteArrayInputStream(new byte[0]))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> WavHeader.read(new ByteArrayInputStream(ascii("not a wave file"))))
                .isInstanceOf(IOException.class).hasMessageContaining("RIFF");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}

package io.hitorflop.ingest;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests byte for byte as a client may send them (chunked bodies left unfinished, empty headers,
 * invalid UTF-8), which HTTP client libraries tidy up or refuse to send.
 */
public final class ByteExactRequests {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    /** The status code and the rest of the answer (headers and body) as text. */
    public record Answer(int status, String text) {
    }

    private ByteExactRequests() {
    }

    /** Sends {@code head} (lines ending CRLF, without the empty line) and {@code body}, then reads the answer. */
    public static Answer send(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (SocketException closedByTheServer) {
                // it answered before reading all of the body: the answer is still there to read
            }
            return read(socket.getInputStream());
        }
    }

    /** Reads the head and a body of the length it declares: the server need not close the connection. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the connection closed before the answer's head ended: " + head);
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(text);
        byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return new Answer(Integer.parseInt(text.substring(9, 12)), text + new String(body, StandardCharsets.UTF_8));
    }

    /** {@code bytes} as one chunk of a chunked body. */
    public static byte[] chunk(byte[] bytes) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.writeBytes(bytes);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunk.toByteArray();
    }
}

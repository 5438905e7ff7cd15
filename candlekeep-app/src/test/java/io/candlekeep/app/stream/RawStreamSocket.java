package io.candlekeep.app.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written by hand over a plain socket, for what a well-behaved client never does: read nothing
 * at all (its small receive buffer fills and the server's sends block), or never answer a ping.
 */
final class RawStreamSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One frame from the server: its opcode (1 text, 8 close, 9 ping) and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawStreamSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the feed with {@code token} in the Authorization header; {@code receiveBuffer} bytes of socket buffer. */
    static RawStreamSocket open(int port, String token, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        RawStreamSocket raw = new RawStreamSocket(socket);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        raw.out.write(("GET " + StreamConfiguration.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        raw.out.flush();
        String head = raw.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + head);
        }
        return raw;
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame the server sent (server frames are not masked). */
    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads, answering nothing, until the server's close frame; answers its code and reason. */
    StreamClient.Closed readUntilClosed() throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == 8) {
                int code = f.payload().length >= 2 ? (f.payload()[0] & 0xff) << 8 | f.payload()[1] & 0xff : 1005;
                String reason = f.payload().length > 2
                        ? new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8) : "";
                return new StreamClient.Closed(code, reason);
            }
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.readUnsignedByte();
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

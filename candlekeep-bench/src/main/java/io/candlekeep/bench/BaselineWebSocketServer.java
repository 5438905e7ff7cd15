package io.candlekeep.bench;

import io.candlekeep.core.provider.Quote;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The floor of {@link StreamFanoutBenchmark}: the same feed served by the JDK alone, as little as a WebSocket
 * fan-out can be. A {@link ServerSocket} on a free loopback port; per connection a virtual thread that does the
 * handshake (SHA-1 and Base64 of the key) and reads the client's masked frames, and a virtual thread that writes
 * its queue of unmasked text frames (what is queued when it wakes goes out in one write). It answers a
 * {@code subscribe} as Candlekeep does, with {@code subscribed} and a {@code quote} snapshot of {@code null} per
 * symbol, and {@link #publish} builds an update's JSON once, with the same bytes as Candlekeep's
 * {@code {"type":"quote",...}}, frames it once and queues the frame to every subscriber of the symbol. There is no
 * authentication, no limit and no outbox bound: a reader that never reads would grow its queue without end.
 */
final class BaselineWebSocketServer implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Queued after a client's close: the writer sends it and closes the socket. */
    private static final byte[] CLOSE = {(byte) 0x88, 2, 0x03, (byte) 0xe8};

    private final ServerSocket server;
    private final List<List<Connection>> subscribers;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    BaselineWebSocketServer(FanoutPlan plan) throws IOException {
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.subscribers = new ArrayList<>(plan.symbols());
        for (int s = 0; s < plan.symbols(); s++) {
            subscribers.add(new CopyOnWriteArrayList<>());
        }
        Thread.ofPlatform().name("floor-accept").daemon().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The fan-out of one update, on the caller's thread. */
    void publish(Quote quote) {
        String symbol = quote.symbol().value();
        byte[] frame = frame(quoteText(quote));
        for (Connection c : subscribers.get(FanoutPlan.indexOf(symbol, 0, symbol.length()))) {
            c.queue.add(frame);
        }
    }

    /** A quote as Candlekeep's feed writes it (its JSON writer prints a double as {@link Double#toString} does). */
    static String quoteText(Quote quote) {
        return "{\"type\":\"quote\",\"symbol\":\"" + quote.symbol().value() + "\",\"price\":" + quote.price()
                + ",\"time\":\"" + quote.time() + "\"}";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Connection c = new Connection(server.accept());
                connections.add(c);
                Thread.ofVirtual().name("floor-read").start(c::read);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** An unmasked text frame (the server never masks). */
    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int head = payload.length < 126 ? 2 : payload.length < 65_536 ? 4 : 10;
        byte[] frame = new byte[head + payload.length];
        frame[0] = (byte) 0x81;
        if (head == 2) {
            frame[1] = (byte) payload.length;
        } else if (head == 4) {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, head, payload.length);
        return frame;
    }

    private static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection c : connections) {
            c.socket.close();
        }
    }

    private final class Connection {
        final Socket socket;
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        final List<Integer> symbols = new ArrayList<>();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
        }

        /** The handshake, then the client's frames until it closes. */
        void read() {
            try (socket) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                String key = handshake(in);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread writer = Thread.ofVirtual().name("floor-write").start(() -> write(out));
                while (true) {
                    int b0 = in.readUnsignedByte();
                    byte[] payload = payload(in);
                    int opcode = b0 & 0x0f;
                    if (opcode == 1) {
                        subscribe(new String(payload, StandardCharsets.UTF_8));
                    } else if (opcode == 8) {
                        break;
                    }
                }
                queue.add(CLOSE);
                writer.join();
            } catch (IOException | InterruptedException e) {
                // the client went away, or the server closed
            } finally {
                symbols.forEach(s -> subscribers.get(s).remove(this));
                connections.remove(this);
            }
        }

        private void write(OutputStream socketOut) {
            OutputStream out = new BufferedOutputStream(socketOut, 4096);
            try {
                while (true) {
                    byte[] frame = queue.take();
                    do {
                        out.write(frame);
                        if (frame == CLOSE) {
                            out.flush();
                            return;
                        }
                    } while ((frame = queue.poll()) != null);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the socket closed
            }
        }

        /** Reads the request head; answers its {@code Sec-WebSocket-Key}. */
        private String handshake(DataInputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.readUnsignedByte();
                head.write(b);
                matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            }
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
            throw new IOException("no Sec-WebSocket-Key in " + head);
        }

        /** The unmasked payload of a client frame whose first byte was read. */
        private static byte[] payload(DataInputStream in) throws IOException {
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            return payload;
        }

        /** {@code {"action":"subscribe","symbols":["S0001",...],...}}: read with string search, as little as needed. */
        private void subscribe(String message) {
            int from = message.indexOf("\"symbols\":[");
            int to = message.indexOf(']', from);
            if (from < 0 || to < 0) {
                return;
            }
            List<String> named = new ArrayList<>();
            for (String item : message.substring(from + "\"symbols\":[".length(), to).split(",")) {
                String name = item.strip().replace("\"", "");
                int index = FanoutPlan.indexOf(name, 0, name.length());
                if (index >= 0 && index < subscribers.size()) {
                    named.add(name);
                    symbols.add(index);
                }
            }
            queue.add(frame("{\"type\":\"subscribed\",\"symbols\":[\"" + String.join("\",\"", named)
                    + "\"],\"channels\":[\"quote\"]}"));
            for (String name : named) {
                subscribers.get(FanoutPlan.indexOf(name, 0, name.length())).add(this);
                queue.add(frame("{\"type\":\"snapshot\",\"symbol\":\"" + name + "\",\"channel\":\"quote\",\"quote\":null}"));
            }
        }
    }
}

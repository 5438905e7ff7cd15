package io.candlekeep.app.provider.binance;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Binance's stream endpoint on 127.0.0.1: it records every connection and every message a client
 * sends, and the test makes it send frames, pings, drops and handshake refusals. It sends nothing by itself, not even
 * pings, so every fault comes from the test, on a condition.
 */
final class ReplayServer extends WebSocketServer {

    /** One client connection and what came over it. */
    static final class Client {
        final WebSocket socket;
        final String path;
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> pongs = new CopyOnWriteArrayList<>();
        volatile Integer closeCode;

        Client(WebSocket socket, String path) {
            this.socket = socket;
            this.path = path;
        }

        void send(String text) {
            socket.send(text);
        }

        void sendBinary(byte[] data) {
            socket.send(ByteBuffer.wrap(data));
        }

        void ping(String payload) {
            PingFrame ping = new PingFrame();
            ping.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
            socket.sendFrame(ping);
        }

        /** Drops the TCP connection without a close handshake, as a network fault does. */
        void drop() {
            socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
        }
    }

    final List<Client> clients = new CopyOnWriteArrayList<>();
    /** Handshakes still to refuse. */
    final AtomicInteger refuse = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);

    private ReplayServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    static ReplayServer started() throws InterruptedException {
        ReplayServer server = new ReplayServer();
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the replay server did not start within 10 s");
        }
        return server;
    }

    String baseUrl() {
        return "ws://127.0.0.1:" + getPort();
    }

    Client client(int i) {
        return clients.get(i);
    }

    List<String> allMessages() {
        List<String> all = new ArrayList<>();
        clients.forEach(c -> all.addAll(c.messages));
        return all;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by the test");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Client client = new Client(conn, handshake.getResourceDescriptor());
        conn.setAttachment(client);
        clients.add(client);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Client client = conn.getAttachment();
        client.messages.add(message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        Client client = conn.getAttachment();
        if (client != null) {
            client.pongs.add(StandardCharsets.UTF_8.decode(f.getPayloadData()).toString());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Client client = conn.getAttachment();
        if (client != null) {
            client.closeCode = code;
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a dropped or refused connection ends here; the test looks at what the client did about it
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** A combined-stream kline frame of BTCUSDT 15m, in the recorded frame's shape. */
    static String klineFrame(Instant start, String open, String high, String low, String close, String volume,
            boolean closed) {
        long t = start.toEpochMilli();
        long end = t + Duration.ofMinutes(15).toMillis() - 1;
        return "{\"stream\":\"btcusdt@kline_15m\",\"data\":{\"e\":\"kline\",\"E\":" + (end + 1) + ",\"s\":\"BTCUSDT\","
                + "\"k\":{\"t\":" + t + ",\"T\":" + end + ",\"s\":\"BTCUSDT\",\"i\":\"15m\",\"f\":1384844002,"
                + "\"L\":1384844032,\"o\":\"" + open + "\",\"c\":\"" + close + "\",\"h\":\"" + high + "\",\"l\":\"" + low
                + "\",\"v\":\"" + volume + "\",\"n\":31,\"x\":" + closed + ",\"q\":\"0\",\"V\":\"0\",\"Q\":\"0\",\"B\":\"0\"}}}";
    }
}

package io.candlekeep.app.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client of the feed (the JDK's), for tests: every message it receives is kept in order;
 * {@link #next} waits for the next one that matches, passing the others by. It answers pings, as browsers do.
 */
public final class StreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How the socket closed: the code and reason the server sent. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StreamClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener()).join();
    }

    /** Connects with {@code headers} (such as Authorization) and the sub-protocols {@code protocols} offered. */
    static StreamClient connect(int port, Map<String, String> headers, List<String> protocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.getFirst(), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        return new StreamClient(builder, URI.create("ws://127.0.0.1:" + port + StreamConfiguration.PATH));
    }

    public static StreamClient withHeaderToken(int port, String token) {
        return connect(port, Map.of("Authorization", "Bearer " + token), List.of());
    }

    static StreamClient anonymous(int port) {
        return connect(port, Map.of(), List.of());
    }

    String protocol() {
        return socket.getSubprotocol();
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next message whose {@code type} is {@code type}, within 30 s. */
    public JsonNode next(String type) {
        return next(m -> type.equals(m.path("type").asString()), "a '" + type + "' message");
    }

    /** The next message {@code wanted} accepts, within 30 s; the ones before it are passed by. */
    public JsonNode next(Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m;
            try {
                m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            if (m == null) {
                throw new AssertionError("no " + what + " within 30 s" + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** How the server closed the socket, waiting up to 30 s. */
    Closed awaitClosed() {
        try {
            return closed.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket was not closed within 30 s", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, error.toString()));
        }
    }
}

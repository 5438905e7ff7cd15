package io.candlekeep.app.provider.binance;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's kline streams for a set of crypto pairs and timeframes over one WebSocket (the JDK's
 * {@link java.net.http.WebSocket}) to the combined-stream endpoint {@code /stream}. The set is sent as one
 * {@code SUBSCRIBE} when a connection opens, and each change to it as one {@code SUBSCRIBE} and one
 * {@code UNSUBSCRIBE} of the difference, so a change costs no reconnect.
 *
 * <p>What a frame becomes:
 * <ul>
 * <li>a kline of a subscribed stream: a {@link Kline} to the {@link KlineListener}. Duplicates and forming updates out
 *     of order are passed on as they came, because the consumer merges by bar start anyway and Binance's next update
 *     (2 s later) or final kline supersedes them; an update older than the last final kline of its series (a forming
 *     update of a bar already final, or any update of an earlier bar) is dropped and counted as stale, because it
 *     could only take a final bar backwards;</li>
 * <li>a kline of a stream not (or no longer) subscribed, or another event: ignored and counted;</li>
 * <li>anything unreadable, or a kline that makes no bar: counted as garbage and skipped; the connection stays.</li>
 * </ul>
 *
 * <p>Connections: after a drop (closed, failed, or silent for {@code silenceTimeout}) the stream reconnects after
 * {@code initial * 2^failures} capped at {@code reconnectMaxBackoff}, of which a random half is waited ("equal jitter":
 * never less than half the cap, so many clients dropped together do not all come back at once, and a run of failures
 * stays far below Binance's 300 connection attempts per 5 minutes). A connection is replaced after
 * {@code maxConnectionAge} (23 h by default), before Binance cuts it at 24 h, and at once on a
 * {@code serverShutdown} event. Once connected and subscribed again, {@link KlineListener#onReconnected} reports
 * when the old connection went, so the consumer fills that gap from REST. Every wait goes through the injected
 * {@link Scheduler} and every instant through the injected {@link Clock}, so tests drive time.
 *
 * <p>Ping and pong: Binance pings every 20 s and drops a connection that has not answered within a minute. The JDK
 * WebSocket answers every ping with a pong carrying the same payload by itself (see
 * {@link java.net.http.WebSocket.Listener#onPing}); this class only counts the ping as a sign of life. A test checks
 * the pong arrives.
 *
 * <p>Binance takes at most 5 messages a second from a client and 1024 streams a connection: {@link #subscribe} refuses
 * larger sets, and its callers should change the set a few times a minute, not in a tight loop. Thread-safe.
 */
public final class BinanceKlineStream implements AutoCloseable {

    /** Binance's most streams on one connection. */
    public static final int MAX_STREAMS = 1024;

    private static final Logger log = LoggerFactory.getLogger(BinanceKlineStream.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

    /** Runs a task after a delay; injected so tests run it when they move their clock. */
    @FunctionalInterface
    public interface Scheduler {
        Cancellable schedule(Duration delay, Runnable task);

        /** On a JDK scheduled executor. */
        static Scheduler of(ScheduledExecutorService executor) {
            Objects.requireNonNull(executor, "executor");
            return (delay, task) -> {
                ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            };
        }
    }

    /** A scheduled task that may still be called off. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    /**
     * The counters of a stream since it was made.
     *
     * @param frames     text frames received, whatever they held
     * @param klines     klines handed to the listener
     * @param garbage    frames that could not be read, or klines that made no bar
     * @param stale      klines dropped as older than the last final kline of their series
     * @param ignored    frames of streams not subscribed and events a kline stream does not use
     * @param reconnects connections opened again after one was lost or replaced
     * @param connected  whether a connection is open now
     * @param streams    how many streams are subscribed
     */
    public record Stats(long frames, long klines, long garbage, long stale, long ignored, long reconnects,
            boolean connected, int streams) {
    }

    /** What one stream name stands for. */
    private record Series(Symbol symbol, Timeframe timeframe) {
    }

    private final BinanceStreamProperties properties;
    private final KlineListener listener;
    private final Clock clock;
    private final HttpClient http;
    private final Scheduler scheduler;
    private final DoubleSupplier jitter;
    private final BinanceStreamParser parser = new BinanceStreamParser();
    private final Runnable onClose;

    private final Object lock = new Object();
    /** Stream name to series, sorted so the messages are deterministic. Guarded by {@code lock}. */
    private Map<String, Series> tracked = new TreeMap<>();
    private Connection current;
    /** Bumped for each new connection and on close; callbacks of an older connection are ignored. Written under lock. */
    private volatile int generation;
    private boolean connecting;
    private boolean closed;
    private Instant disconnectedAt;
    private int failures;
    private Cancellable retryTask;

    /** Start of the last final kline per stream name. */
    private final Map<String, Long> lastFinalStart = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong klines = new AtomicLong();
    private final AtomicLong garbage = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    /** A stream with its own HTTP client and scheduler thread, both ended by {@link #close()}. */
    public BinanceKlineStream(BinanceStreamProperties properties, KlineListener listener, Clock clock) {
        this(properties, listener, clock, HttpClient.newHttpClient(), newExecutor(), () -> ThreadLocalRandom.current()
                .nextDouble());
    }

    private BinanceKlineStream(BinanceStreamProperties properties, KlineListener listener, Clock clock, HttpClient http,
            ScheduledExecutorService executor, DoubleSupplier jitter) {
        this(properties, listener, clock, http, Scheduler.of(executor), jitter, () -> {
            executor.shutdownNow();
            http.shutdownNow();
        });
    }

    /**
     * A stream on a caller-owned HTTP client and scheduler.
     *
     * @param jitter a source of uniform values in {@code [0, 1]}; each reconnect waits half its cap plus that fraction
     *               of the other half
     */
    public BinanceKlineStream(BinanceStreamProperties properties, KlineListener listener, Clock clock, HttpClient http,
            Scheduler scheduler, DoubleSupplier jitter) {
        this(properties, listener, clock, http, scheduler, jitter, () -> {
        });
    }

    private BinanceKlineStream(BinanceStreamProperties properties, KlineListener listener, Clock clock, HttpClient http,
            Scheduler scheduler, DoubleSupplier jitter, Runnable onClose) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.onClose = onClose;
    }

    private static ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "binance-kline-stream");
            t.setDaemon(true);
            return t;
        });
    }

    /** The stream name of one series: {@code btcusdt@kline_15m}. */
    public static String streamName(Symbol symbol, Timeframe timeframe) {
        return BinanceSymbols.streamName(symbol) + "@kline_" + BinanceBarMapper.interval(timeframe);
    }

    /**
     * Tracks exactly every timeframe of every symbol given, replacing the set tracked so far: the first call with a
     * non-empty set connects, later calls subscribe what is new and unsubscribe what is gone on the open connection.
     * An empty set keeps the connection, subscribed to nothing.
     *
     * @throws IllegalArgumentException for a symbol that is not a crypto pair Binance could list, or more than
     *                                  {@value #MAX_STREAMS} streams
     * @throws IllegalStateException    after {@link #close()}
     */
    public void subscribe(Set<Symbol> symbols, Set<Timeframe> timeframes) {
        Map<String, Series> wanted = new TreeMap<>();
        for (Symbol symbol : symbols) {
            for (Timeframe timeframe : timeframes) {
                wanted.put(streamName(symbol, timeframe), new Series(symbol, timeframe));
            }
        }
        if (wanted.size() > MAX_STREAMS) {
            throw new IllegalArgumentException(symbols.size() + " symbols in " + timeframes.size() + " timeframes are "
                    + wanted.size() + " streams; one Binance connection carries at most " + MAX_STREAMS);
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The Binance kline stream is closed");
            }
            List<String> added = wanted.keySet().stream().filter(s -> !tracked.containsKey(s)).toList();
            List<String> removed = tracked.keySet().stream().filter(s -> !wanted.containsKey(s)).toList();
            tracked = wanted;
            removed.forEach(lastFinalStart::remove);
            if (current != null) {
                if (!removed.isEmpty()) {
                    current.send(message("UNSUBSCRIBE", removed));
                }
                if (!added.isEmpty()) {
                    current.send(message("SUBSCRIBE", added));
                }
            } else if (!connecting && retryTask == null && !wanted.isEmpty()) {
                connect();
            }
            log.info("[BINANCE] kline stream tracks {} streams ({} added, {} removed)", wanted.size(), added.size(),
                    removed.size());
        }
    }

    public Stats stats() {
        synchronized (lock) {
            return new Stats(frames.get(), klines.get(), garbage.get(), stale.get(), ignored.get(), reconnects.get(),
                    current != null, tracked.size());
        }
    }

    /** Closes the connection and stops reconnecting; a stream that made its own client and thread ends them. */
    @Override
    public void close() {
        Connection last;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            cancel(retryTask);
            retryTask = null;
            last = current;
            current = null;
            generation++;
        }
        if (last != null) {
            last.cancelTimers();
            last.closeGracefully("client closing");
        }
        onClose.run();
    }

    private String message(String method, List<String> streams) {
        return "{\"method\":\"" + method + "\",\"params\":["
                + streams.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "],\"id\":"
                + messageIds.incrementAndGet() + "}";
    }

    /** Opens a new connection; guarded by {@code lock}. */
    private void connect() {
        if (closed || connecting || current != null) {
            return;
        }
        connecting = true;
        int gen = ++generation;
        Connection connection = new Connection(gen);
        log.debug("[BINANCE] connecting to {} (attempt {})", properties.streamUri(), failures + 1);
        http.newWebSocketBuilder()
                .connectTimeout(properties.connectTimeout())
                .buildAsync(properties.streamUri(), connection)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        connectFailed(gen, error);
                    }
                });
    }

    private void connectFailed(int gen, Throwable error) {
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
            connecting = false;
            log.warn("[BINANCE] kline stream could not connect to {}: {}", properties.streamUri(), error.toString());
            scheduleReconnect();
        }
    }

    /** Guarded by {@code lock}. */
    private void scheduleReconnect() {
        Duration delay = backoff(failures++);
        log.info("[BINANCE] kline stream reconnects in {}", delay);
        retryTask = scheduler.schedule(delay, () -> {
            synchronized (lock) {
                retryTask = null;
                connect();
            }
        });
    }

    /** Equal jitter: half of {@code min(max, initial * 2^failures)}, plus a random part of the other half. */
    private Duration backoff(int failures) {
        double capNanos = Math.min(properties.reconnectMaxBackoff().toNanos(),
                properties.reconnectInitialBackoff().toNanos() * Math.pow(2, Math.min(failures, 62)));
        double fraction = Math.clamp(jitter.getAsDouble(), 0.0, 1.0);
        return Duration.ofNanos(Math.round(capNanos / 2 + capNanos / 2 * fraction));
    }

    /** The connection of {@code gen} went away; reconnects unless it was replaced or the stream closed. */
    private void lost(int gen, String why) {
        Connection gone;
        synchronized (lock) {
            if (gen != generation || closed || current == null) {
                return;
            }
            gone = current;
            current = null;
            if (disconnectedAt == null) {
                disconnectedAt = clock.instant();
            }
            log.warn("[BINANCE] kline stream lost its connection ({}); {} streams to resubscribe", why, tracked.size());
            scheduleReconnect();
        }
        gone.cancelTimers();
    }

    /** Replaces the connection of {@code gen} with a new one at once: before Binance's 24 h cut, or on its shutdown. */
    private void replace(int gen, String why) {
        Connection old;
        synchronized (lock) {
            if (gen != generation || closed || current == null) {
                return;
            }
            log.info("[BINANCE] kline stream replaces its connection: {}", why);
            old = current;
            current = null;
            disconnectedAt = clock.instant();
            failures = 0;
            connect();
        }
        old.cancelTimers();
        old.closeGracefully(why);
    }

    /** One WebSocket connection and the listener of its events. */
    private final class Connection implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket ws;
        private volatile Instant lastFrameAt;
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
        private Cancellable replaceTask;
        private Cancellable silenceTask;

        Connection(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            Instant reconnectedAfter = null;
            synchronized (lock) {
                if (gen != generation || closed) {
                    webSocket.abort();
                    return;
                }
                ws = webSocket;
                lastFrameAt = clock.instant();
                connecting = false;
                current = this;
                if (!tracked.isEmpty()) {
                    send(message("SUBSCRIBE", List.copyOf(tracked.keySet())));
                }
                replaceTask = scheduler.schedule(properties.maxConnectionAge(),
                        () -> replace(gen, "the connection is " + properties.maxConnectionAge() + " old"));
                silenceTask = scheduler.schedule(properties.silenceTimeout(), this::checkSilence);
                if (disconnectedAt != null) {
                    reconnectedAfter = disconnectedAt;
                    disconnectedAt = null;
                    reconnects.incrementAndGet();
                }
                log.info("[BINANCE] kline stream connected to {}, subscribing {} streams", properties.streamUri(),
                        tracked.size());
            }
            if (reconnectedAfter != null) {
                try {
                    listener.onReconnected(reconnectedAfter);
                } catch (RuntimeException e) {
                    log.warn("[BINANCE] kline listener failed on reconnect", e);
                }
            }
            webSocket.request(1);
        }

        /** Guarded by {@code lock}: one send at a time, as the JDK WebSocket requires. */
        void send(String text) {
            WebSocket socket = ws;
            sends = sends.handle((r, e) -> null).thenCompose(x -> socket.sendText(text, true));
            log.debug("[BINANCE] sent {}", text);
        }

        /** A half-open TCP connection is never reported closed: silence past the timeout counts as a drop. */
        private void checkSilence() {
            Duration silent = Duration.between(lastFrameAt, clock.instant());
            synchronized (lock) {
                if (gen != generation || current != this) {
                    return;
                }
                if (silent.compareTo(properties.silenceTimeout()) < 0) {
                    silenceTask = scheduler.schedule(properties.silenceTimeout().minus(silent), this::checkSilence);
                    return;
                }
            }
            lost(gen, "nothing received for " + silent);
            ws.abort();
        }

        void cancelTimers() {
            synchronized (lock) {
                cancel(replaceTask);
                cancel(silenceTask);
                replaceTask = null;
                silenceTask = null;
            }
        }

        /**
         * Sends a normal close; the JDK ends the TCP connection when Binance answers it. A server that does not answer
         * within {@value #CLOSE_WAIT_SECONDS} s is cut off.
         */
        void closeGracefully(String why) {
            WebSocket socket = ws;
            if (socket == null) {
                return;
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, why.length() > 100 ? why.substring(0, 100) : why)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            socket.abort();
                        }
                    });
            scheduler.schedule(Duration.ofSeconds(CLOSE_WAIT_SECONDS), () -> {
                if (!socket.isInputClosed()) {
                    socket.abort();
                }
            });
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                lastFrameAt = clock.instant();
                if (gen == generation) {
                    handle(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastFrameAt = clock.instant();
            if (last) {
                frames.incrementAndGet();
                garbage.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }

        /** The JDK has already answered with a pong of the same payload; this only notes the sign of life. */
        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastFrameAt = clock.instant();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastFrameAt = clock.instant();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(gen, "closed by the server with " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(gen, error.toString());
        }

        private void handle(String text) {
            frames.incrementAndGet();
            synchronized (lock) {
                // a frame proves the connection works: the next drop starts the backoff afresh
                failures = 0;
            }
            BinanceStreamFrame frame;
            try {
                frame = parser.parse(text);
            } catch (BinanceFormatException e) {
                garbage.incrementAndGet();
                log.debug("[BINANCE] garbage frame skipped: {}", e.getMessage());
                return;
            }
            switch (frame) {
                case BinanceStreamFrame.KlineEvent event -> kline(event);
                case BinanceStreamFrame.Reply reply when reply.error() != null ->
                        log.warn("[BINANCE] kline stream request {} refused: {}", reply.id(), reply.error());
                case BinanceStreamFrame.Reply reply -> log.debug("[BINANCE] kline stream request {} done", reply.id());
                case BinanceStreamFrame.ServerShutdown shutdown -> replace(gen, "Binance announced a server shutdown");
                case BinanceStreamFrame.OtherEvent other -> ignored.incrementAndGet();
            }
        }

        private void kline(BinanceStreamFrame.KlineEvent event) {
            String stream = event.stream() != null ? event.stream()
                    : event.symbol().toLowerCase(Locale.ROOT) + "@kline_" + event.interval();
            Series series;
            synchronized (lock) {
                series = tracked.get(stream);
            }
            Optional<Timeframe> interval = BinanceBarMapper.timeframe(event.interval());
            if (series == null || interval.isEmpty() || interval.get() != series.timeframe()) {
                ignored.incrementAndGet();
                return;
            }
            Timeframe timeframe = series.timeframe();
            Optional<Bar> bar = BinanceBarMapper.spans(event.kline(), timeframe)
                    ? BinanceBarMapper.toBar(event.kline(), timeframe, event.closed()) : Optional.empty();
            if (bar.isEmpty()) {
                garbage.incrementAndGet();
                log.debug("[BINANCE] {}: kline makes no {} bar: {}", stream, timeframe, event.kline());
                return;
            }
            long start = bar.get().startMillis();
            Long lastFinal = lastFinalStart.get(stream);
            if (lastFinal != null && (start < lastFinal || (start == lastFinal && !event.closed()))) {
                stale.incrementAndGet();
                return;
            }
            if (event.closed()) {
                lastFinalStart.merge(stream, start, Math::max);
            }
            klines.incrementAndGet();
            try {
                listener.onKline(new Kline(series.symbol(), timeframe, bar.get(), event.closed()));
            } catch (RuntimeException e) {
                log.warn("[BINANCE] kline listener failed on {} {}", series.symbol(), timeframe, e);
            }
        }
    }

    private static void cancel(Cancellable task) {
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public String toString() {
        Stats s = stats();
        return "BinanceKlineStream[" + s.streams() + " streams, " + (s.connected() ? "connected" : "not connected")
                + ", " + s.reconnects() + " reconnects]";
    }

    /** The stream names tracked now, for tests and logs. */
    List<String> trackedStreams() {
        synchronized (lock) {
            return new ArrayList<>(tracked.keySet());
        }
    }
}

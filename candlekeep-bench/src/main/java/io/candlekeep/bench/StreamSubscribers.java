package io.candlekeep.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The subscribers of {@link StreamFanoutBenchmark}: one JDK {@link HttpClient} on {@value #THREAD_PREFIX}* threads,
 * one {@link WebSocket} per subscriber of the {@link FanoutPlan}, the same code against Candlekeep and against the
 * {@link BaselineWebSocketServer}. A subscriber reads as fast as frames come and parses just enough of a quote to
 * find its symbol and update number (its price minus one, see {@link QuoteFeed}); the latency is taken when the
 * frame's text has been received and parsed, against the update's send time.
 */
final class StreamSubscribers implements AutoCloseable {

    /** The name prefix of the client's executor threads; the client's selector thread is {@code HttpClient-*}. */
    static final String THREAD_PREFIX = "ws-client-";

    private static final String QUOTE = "{\"type\":\"quote\",\"symbol\":\"";
    private static final String PRICE = "\",\"price\":";
    private static final String SNAPSHOT = "{\"type\":\"snapshot\"";
    private static final String ERROR = "{\"type\":\"error\"";
    private static final int CONNECTING_AT_ONCE = 32;

    /** What one measured stretch of updates, {@code from} (inclusive) to {@code to}, did at the subscribers. */
    static final class Window {
        final long from;
        final long to;
        final LatencyHistogram latency = new LatencyHistogram();
        final LongAdder delivered = new LongAdder();

        Window(long from, long to) {
            this.from = from;
            this.to = to;
        }

        void record(long update, long nanos) {
            if (update >= from && update < to) {
                latency.record(nanos / 1_000);
                delivered.increment();
            }
        }
    }

    private final FanoutPlan plan;
    private final QuoteFeed feed;
    private final ExecutorService executor;
    private final HttpClient http;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final AtomicReference<String> sample = new AtomicReference<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private volatile Window window = new Window(0, 0);

    private StreamSubscribers(FanoutPlan plan, QuoteFeed feed, int threads) {
        this.plan = plan;
        this.feed = feed;
        this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(THREAD_PREFIX, 0).daemon().factory());
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Opens one WebSocket per subscriber of {@code plan} to {@code uri}, sending {@code authorization}. */
    static StreamSubscribers connect(URI uri, String authorization, FanoutPlan plan, QuoteFeed feed, int threads)
            throws InterruptedException {
        StreamSubscribers s = new StreamSubscribers(plan, feed, threads);
        Semaphore slots = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int c = 0; c < plan.connections(); c++) {
            Subscriber subscriber = s.new Subscriber(c);
            s.subscribers.add(subscriber);
            slots.acquire();
            opening.add(s.http.newWebSocketBuilder().header("Authorization", authorization).buildAsync(uri, subscriber)
                    .whenComplete((ws, e) -> {
                        subscriber.socket = ws;
                        slots.release();
                    }));
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("Could not open " + plan.connections() + " WebSockets to " + uri, e);
        }
        return s;
    }

    /** Sends every subscriber's {@code subscribe} and waits until each has the snapshot of every symbol it named. */
    void subscribe(Duration timeout) throws InterruptedException {
        for (Subscriber s : subscribers) {
            s.socket.sendText(plan.subscribeMessage(s.index), true).join();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (subscribers.stream().anyMatch(s -> s.snapshots.get() < plan.perConnection())) {
            if (System.nanoTime() > deadline) {
                long ready = subscribers.stream().filter(s -> s.snapshots.get() >= plan.perConnection()).count();
                throw new IllegalStateException(ready + " of " + subscribers.size() + " subscribers had all "
                        + plan.perConnection() + " snapshots after " + timeout + "; first error: " + firstError.get());
            }
            Thread.sleep(20);
        }
    }

    /** From now on, the updates in {@code w} are counted and timed there. */
    void measure(Window w) {
        window = w;
    }

    /**
     * The (subscriber, symbol) pairs whose newest update received is not the newest one sent: what is lost for good,
     * since an update that a newer one replaced while it waited (coalesced) is not.
     */
    long staleSymbols() {
        long stale = 0;
        for (Subscriber s : subscribers) {
            for (int k = 0; k < plan.perConnection(); k++) {
                if (s.newest.get(k) != feed.newestOf(plan.symbolOf(s.index, k))) {
                    stale++;
                }
            }
        }
        return stale;
    }

    /** Subscribers whose socket the server closed or that failed. */
    long closed() {
        return subscribers.stream().filter(s -> s.closed).count();
    }

    /** The text of the first quote any subscriber received. */
    String sampleQuote() {
        return sample.get();
    }

    /** The first {@code error} message any subscriber received, or null. */
    String firstError() {
        return firstError.get();
    }

    /** The {@code error} messages received so far. */
    long errors() {
        return errors.sum();
    }

    /** Quote frames that named no update of the feed, or a symbol the subscriber did not take. */
    long foreign() {
        return foreign.sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (Subscriber s : subscribers) {
            if (s.socket != null && !s.closed) {
                s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closed() < subscribers.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        subscribers.stream().filter(s -> s.socket != null).forEach(s -> s.socket.abort());
        http.shutdownNow();
        executor.shutdownNow();
    }

    /** One subscriber; its listener methods are called one at a time, so its own fields need no lock. */
    private final class Subscriber implements WebSocket.Listener {
        final int index;
        /** The newest update received of each of its symbols, by slot ({@link FanoutPlan#slotOf}). */
        final AtomicIntegerArray newest;
        final AtomicInteger snapshots = new AtomicInteger();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile boolean closed;

        Subscriber(int index) {
            this.index = index;
            int[] none = new int[plan.perConnection()];
            Arrays.fill(none, -1);
            this.newest = new AtomicIntegerArray(none);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
                return null;
            }
            if (partial.isEmpty()) {
                handle(data);
            } else {
                handle(partial.append(data));
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        private void handle(CharSequence text) {
            if (startsWith(text, QUOTE, 0)) {
                quote(text, System.nanoTime());
            } else if (startsWith(text, SNAPSHOT, 0)) {
                snapshots.incrementAndGet();
            } else if (startsWith(text, ERROR, 0)) {
                errors.increment();
                firstError.compareAndSet(null, text.toString());
            }
        }

        private void quote(CharSequence text, long received) {
            int end = QUOTE.length();
            while (end < text.length() && text.charAt(end) != '"') {
                end++;
            }
            int symbol = FanoutPlan.indexOf(text, QUOTE.length(), end);
            int slot = symbol < 0 ? -1 : plan.slotOf(index, symbol);
            long update = startsWith(text, PRICE, end) ? integerAt(text, end + PRICE.length()) - 1 : -1;
            long sent = feed.sentNanos(update);
            if (slot < 0 || sent < 0 || update % plan.symbols() != symbol) {
                foreign.increment();
                return;
            }
            newest.setRelease(slot, Math.max(newest.getPlain(slot), (int) update));
            window.record(update, received - sent);
            if (sample.get() == null) {
                sample.compareAndSet(null, text.toString());
            }
        }
    }

    private static boolean startsWith(CharSequence text, String prefix, int at) {
        if (text.length() < at + prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The digits at {@code at} as a number, up to the first other character; -1 when there are none. */
    private static long integerAt(CharSequence text, int at) {
        long n = 0;
        int i = at;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - at < 12) {
            n = n * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i == at ? -1 : n;
    }
}

package io.candlekeep.bench;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The updates of {@link StreamFanoutBenchmark}, one quote of one symbol each, at a fixed rate from one thread. Update
 * {@code n} (counted from 0 over the whole run) is a quote of symbol {@code n mod symbols} with price {@code n + 1},
 * so every price differs (the hub never drops one as a repeat) and a subscriber reads {@code n} back from the price.
 * Its send time ({@link System#nanoTime}, taken just before it is handed over) is kept in a table indexed by
 * {@code n}: the subscribers share the JVM, so they look it up when the frame arrives.
 */
final class QuoteFeed {

    /** Prices stay below 10^7, where a double's JSON would switch to exponent notation. */
    static final int MAX_UPDATES = 9_000_000;

    /** @param perSecond the rate achieved, over the first to the last hand-over */
    record Run(long from, long to, double perSecond) {
    }

    private final FanoutPlan plan;
    private final Symbol[] symbols;
    private final AtomicLongArray sentNanos;
    private final Quote[] quotes;
    private final long[] newestOf;
    private final Clock clock = Clock.systemUTC();
    private int next;

    QuoteFeed(FanoutPlan plan, int capacity) {
        if (capacity > MAX_UPDATES) {
            throw new IllegalArgumentException(capacity + " updates in one run; at most " + MAX_UPDATES);
        }
        this.plan = plan;
        this.symbols = new Symbol[plan.symbols()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = Symbol.of(FanoutPlan.symbol(i));
        }
        this.sentNanos = new AtomicLongArray(capacity);
        this.quotes = new Quote[capacity];
        this.newestOf = new long[plan.symbols()];
        Arrays.fill(newestOf, -1);
    }

    /** The number of the next update. */
    long next() {
        return next;
    }

    /** Hands {@code count} updates to {@code sink} at {@code perSecond}; a late one is sent at once, not skipped. */
    Run publish(int perSecond, long count, Consumer<Quote> sink) {
        if (next + count > quotes.length) {
            throw new IllegalStateException("The feed holds " + quotes.length + " updates; " + (next + count) + " asked");
        }
        long from = next;
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = next++;
            int symbol = n % plan.symbols();
            Quote quote = Quote.of(symbols[symbol], n + 1, clock.instant());
            quotes[n] = quote;
            newestOf[symbol] = n;
            sentNanos.set(n, System.nanoTime());
            sink.accept(quote);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(from, next, count / Math.max(seconds, 1e-9));
    }

    /** The send time of update {@code n}, or -1 when there is no such update. */
    long sentNanos(long n) {
        return n >= 0 && n < next ? sentNanos.get((int) n) : -1;
    }

    Quote quote(long n) {
        return quotes[(int) n];
    }

    /** The newest update of {@code symbol} sent so far, or -1. */
    long newestOf(int symbol) {
        return newestOf[symbol];
    }

    /** Deliveries updates {@code from} (inclusive) to {@code to} make: each reaches every subscriber of its symbol. */
    long deliveries(long from, long to) {
        int[] subscribers = new int[plan.symbols()];
        for (int s = 0; s < subscribers.length; s++) {
            subscribers[s] = plan.subscribersOf(s);
        }
        long n = 0;
        for (long u = from; u < to; u++) {
            n += subscribers[(int) (u % plan.symbols())];
        }
        return n;
    }
}

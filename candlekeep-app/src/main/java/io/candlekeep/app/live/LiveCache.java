package io.candlekeep.app.live;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * The latest quote of each symbol, fresh for a time that depends on its asset class ({@link LiveProperties#ttl()}),
 * counted from when it was put, not from its trade time: a stock's quote after the close is hours old and still
 * the current one. A quote stamped while its market does not trade (the close, on the symbol's calendar), put
 * before the market trades again, stays fresh at least until it does: nothing can change it before then, so asking
 * the provider again every TTL would only fetch the same quote (issue 16 saw a closed stock answered as
 * {@code provider} on every call spaced more than the TTL apart). Thread-safe.
 */
@Component
public class LiveCache {

    /** What the cache holds and how often it answered. {@code hitRate} is 0 before any lookup. */
    public record Stats(int entries, long hits, long misses, double hitRate) {
    }

    /** @param freshUntil exclusive: the entry has expired from this instant on */
    private record Entry(Quote quote, Instant freshUntil) {
    }

    private final Map<Symbol, Entry> entries = new ConcurrentHashMap<>();
    private final LiveProperties properties;
    private final Clock clock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public LiveCache(LiveProperties properties, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The fresh quote of {@code symbol}; counts a hit, or a miss when there is none or it has expired. */
    public Optional<Quote> find(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        Entry e = entries.get(symbol);
        if (e == null || isExpired(e, clock.instant())) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(e.quote());
    }

    /** Keeps {@code quote} unless a fresh quote with a later trade time is already held. */
    public void put(Quote quote) {
        Objects.requireNonNull(quote, "quote");
        Instant now = clock.instant();
        entries.merge(quote.symbol(), new Entry(quote, freshUntil(quote, now)), (old, fresh) ->
                !isExpired(old, now) && old.quote().time().isAfter(fresh.quote().time()) ? old : fresh);
    }

    public void putAll(Collection<Quote> quotes) {
        quotes.forEach(this::put);
    }

    /** Every fresh quote, by symbol in symbol order; expired entries are dropped on the way. */
    public Map<Symbol, Quote> snapshot() {
        Instant now = clock.instant();
        evictExpired(now);
        Map<Symbol, Quote> out = new TreeMap<>();
        entries.forEach((s, e) -> {
            if (!isExpired(e, now)) {
                out.put(s, e.quote());
            }
        });
        return new LinkedHashMap<>(out);
    }

    public Stats stats() {
        evictExpired(clock.instant());
        long h = hits.sum();
        long m = misses.sum();
        return new Stats(entries.size(), h, m, h + m == 0 ? 0 : (double) h / (h + m));
    }

    private void evictExpired(Instant now) {
        entries.entrySet().removeIf(e -> isExpired(e.getValue(), now));
    }

    private boolean isExpired(Entry e, Instant now) {
        return !now.isBefore(e.freshUntil());
    }

    /**
     * The TTL after {@code storedAt}, or the market's next bar start when that is later and the quote is the
     * market's latest word: stamped outside trading, not after it was put, and put before trading resumed.
     */
    private Instant freshUntil(Quote quote, Instant storedAt) {
        Instant ttlEnd = storedAt.plus(properties.ttlOf(quote.symbol().assetClass()));
        MarketCalendar calendar = MarketCalendars.forSymbol(quote.symbol());
        if (quote.time().isAfter(storedAt) || calendar.barStartContaining(Timeframe.M15, quote.time()).isPresent()) {
            return ttlEnd;
        }
        Instant reopens = calendar.nextBarStart(Timeframe.M15, quote.time());
        return reopens.isAfter(ttlEnd) ? reopens : ttlEnd;
    }
}

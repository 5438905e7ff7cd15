package io.candlekeep.app.live;

import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.symbols.SymbolCalendars;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The live refresh (DESIGN §4): latest quotes of every ACTIVE tracked symbol into the {@link LiveCache}, then into
 * the forming bar of each tracked timeframe; the quotes are announced as {@link QuotesFetched}. A quote goes into the bar of each timeframe the history provider
 * first asked for the symbol's asset class serves natively that contains its trade time, as a not-final bar, through {@link BarWriter} so the derived
 * timeframes (4h from 1h) follow. A final stored bar is never touched, and a quote outside trading (a stock's
 * quote stamped at the close) belongs to no bar. Symbols of an asset class the quote provider does not quote (macro
 * series: their daily refresh is the schedule {@code macro-refresh}) are not asked for.
 */
@Service
public class LiveRefreshService {

    private static final Logger log = LoggerFactory.getLogger(LiveRefreshService.class);

    /** What one refresh did; {@code errors} counts symbols left without a quote by a failure, or whose bars failed. */
    public record RefreshResult(int symbols, int quotes, int barsWritten, int errors, Duration took) {
    }

    private final LiveTargets targets;
    private final QuoteProvider quotes;
    private final HistoryProvider history;
    private final LiveCache cache;
    private final BarWriter writer;
    private final LiveProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SymbolCalendars calendars;
    /** The merge reads the stored bar and writes it back; two writers at once could lose a price. */
    private final ReentrantLock writeLock = new ReentrantLock();

    /** A service that announces nothing, for tests. */
    public LiveRefreshService(LiveTargets targets, QuoteProvider quotes, HistoryProvider history, LiveCache cache,
            BarWriter writer, LiveProperties properties, Clock clock) {
        this(targets, quotes, history, cache, writer, properties, clock, event -> {
        }, SymbolCalendars.standard());
    }

    @Autowired
    public LiveRefreshService(LiveTargets targets, QuoteProvider quotes, HistoryProvider history, LiveCache cache,
            BarWriter writer, LiveProperties properties, Clock clock, ApplicationEventPublisher events,
            SymbolCalendars calendars) {
        this.calendars = calendars;
        this.targets = targets;
        this.quotes = quotes;
        this.history = history;
        this.cache = cache;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** Quotes every ACTIVE tracked symbol, caches the quotes and writes them into the forming bars. */
    public RefreshResult refreshAll() {
        RefreshResult result = refresh(targets.activeTimeframes());
        log.info("[LIVE] refresh done: {} symbols, {} quotes, {} bars written, {} errors in {} s", result.symbols(),
                result.quotes(), result.barsWritten(), result.errors(), String.format("%.1f", result.took().toMillis() / 1000.0));
        return result;
    }

    /**
     * The same for those of {@code symbols} that are ACTIVE tracked, logged at DEBUG only: the frequent refreshes
     * (symbols someone is subscribed to, the simulated provider's ticks).
     */
    public RefreshResult refresh(Collection<Symbol> symbols) {
        Map<Symbol, Set<Timeframe>> tracked = new LinkedHashMap<>(targets.activeTimeframes());
        tracked.keySet().retainAll(Set.copyOf(symbols));
        RefreshResult result = refresh(tracked);
        log.debug("[LIVE] refresh of {} symbols: {} quotes, {} bars written, {} errors", result.symbols(),
                result.quotes(), result.barsWritten(), result.errors());
        return result;
    }

    private RefreshResult refresh(Map<Symbol, Set<Timeframe>> tracked) {
        Instant started = clock.instant();
        List<Symbol> symbols = new ArrayList<>(tracked.keySet());
        symbols.removeIf(symbol -> !quotes.assetClasses().contains(symbol.assetClass()));
        int batchSize = Math.min(quotes.maxBatchSize(), properties.findBatchSize().orElse(Integer.MAX_VALUE));
        int quoted = 0;
        int bars = 0;
        int errors = 0;
        for (int from = 0; from < symbols.size(); from += batchSize) {
            List<Symbol> batch = symbols.subList(from, Math.min(symbols.size(), from + batchSize));
            QuoteBatch answer;
            try {
                answer = quotes.quotes(batch);
            } catch (RuntimeException e) {
                log.warn("[LIVE] quote provider {} threw for {}", quotes.name(), batch, e);
                errors += batch.size();
                continue;
            }
            answer.failure().ifPresent(f -> log.info("[LIVE] {} of {} symbols unanswered by {}: {}",
                    answer.unanswered(batch).size(), batch.size(), quotes.name(), f));
            if (!answer.notFound().isEmpty()) {
                log.info("[LIVE] {} has no quote for {}", quotes.name(), answer.notFound());
            }
            errors += answer.unanswered(batch).size();
            cache.putAll(answer.quotes().values());
            if (!answer.quotes().isEmpty()) {
                events.publishEvent(new QuotesFetched(List.copyOf(answer.quotes().values())));
            }
            quoted += answer.quotes().size();
            for (Symbol symbol : batch) {
                Optional<Quote> quote = answer.findQuote(symbol);
                if (quote.isEmpty()) {
                    continue;
                }
                try {
                    bars += writeForming(quote.get(), tracked.get(symbol));
                } catch (RuntimeException e) {
                    errors++;
                    log.warn("[LIVE] forming bars of {} not written", symbol, e);
                }
            }
        }
        return new RefreshResult(symbols.size(), quoted, bars, errors, Duration.between(started, clock.instant()));
    }

    /**
     * Writes every fresh cached quote of an ACTIVE tracked symbol into its forming bars again (stage 1 of the
     * historical sync). Answers the rows written.
     */
    public int writeCacheToStore() {
        Map<Symbol, Set<Timeframe>> tracked = targets.activeTimeframes();
        int bars = 0;
        int symbols = 0;
        for (Map.Entry<Symbol, Quote> e : cache.snapshot().entrySet()) {
            Set<Timeframe> timeframes = tracked.get(e.getKey());
            if (timeframes == null) {
                continue;
            }
            try {
                bars += writeForming(e.getValue(), timeframes);
                symbols++;
            } catch (RuntimeException ex) {
                log.warn("[LIVE] forming bars of {} not written from the cache", e.getKey(), ex);
            }
        }
        log.info("[LIVE] cache written to the store: {} symbols, {} bars", symbols, bars);
        return bars;
    }

    /**
     * Folds {@code quote} into the forming bar of each of {@code timeframes} (through the native timeframe each is
     * built from). Answers the rows written, derived ones included.
     */
    public int writeForming(Quote quote, Set<Timeframe> timeframes) {
        Symbol symbol = quote.symbol();
        MarketCalendar calendar = calendars.of(symbol);
        int rows = 0;
        writeLock.lock();
        try {
            for (Map.Entry<Timeframe, Set<Timeframe>> e : bySource(symbol, timeframes).entrySet()) {
                Timeframe source = e.getKey();
                Optional<Instant> start = calendar.barStartContaining(source, quote.time());
                if (start.isEmpty()) {
                    continue;
                }
                SeriesId series = SeriesId.of(symbol, source);
                Bar stored = storedAt(series, start.get());
                if (stored != null && stored.isFinal()) {
                    continue;
                }
                Bar bar = FormingBars.merge(stored, quote, source, start.get());
                if (bar.equals(stored)) {
                    continue;
                }
                rows += writer.write(series, List.of(bar), e.getValue());
            }
        } finally {
            writeLock.unlock();
        }
        return rows;
    }

    /**
     * Each native timeframe to write, with the tracked timeframes derived from it, as the provider first asked for the
     * symbol's asset class has them (the backfill fetches the same series).
     */
    private Map<Timeframe, Set<Timeframe>> bySource(Symbol symbol, Set<Timeframe> timeframes) {
        ProviderCapabilities caps = history.primaryFor(symbol.assetClass()).capabilities();
        Map<Timeframe, Set<Timeframe>> out = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : timeframes) {
            Timeframe source = caps.sourceOf(tf);
            Set<Timeframe> derived = out.computeIfAbsent(source, k -> EnumSet.noneOf(Timeframe.class));
            if (source != tf) {
                derived.add(tf);
            }
        }
        return out;
    }

    private Bar storedAt(SeriesId series, Instant start) {
        return writer.findStored(series, start).orElse(null);
    }
}

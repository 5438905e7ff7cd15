package io.candlekeep.app.portfolio;

import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.LiveQuoteService;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The latest price of each symbol a portfolio holds: a fresh cached quote, else the provider's within
 * {@link PortfolioProperties#quoteTimeout()}, else the newest stored daily close with its age. A provider answer that
 * comes too late still lands in the live cache for the next load.
 */
@Component
class Prices {

    private static final Logger log = LoggerFactory.getLogger(Prices.class);

    /** One price; {@code previousClose} is NaN when unknown, {@code price} NaN when {@link PriceSource#MISSING}. */
    record Price(Symbol symbol, double price, double previousClose, PriceSource source, Instant asOf) {
    }

    private final LiveCache cache;
    private final LiveQuoteService quotes;
    private final BarStore store;
    private final Clock clock;
    private final Duration timeout;
    private final Executor executor = Executors.newVirtualThreadPerTaskExecutor();

    Prices(LiveCache cache, LiveQuoteService quotes, BarStore store, Clock clock, PortfolioProperties properties) {
        this.cache = cache;
        this.quotes = quotes;
        this.store = store;
        this.clock = clock;
        this.timeout = properties.quoteTimeout();
    }

    Map<Symbol, Price> latest(Collection<Symbol> symbols) {
        Map<Symbol, Price> result = new LinkedHashMap<>();
        List<Symbol> misses = new ArrayList<>();
        for (Symbol s : symbols) {
            cache.find(s).ifPresentOrElse(q -> result.put(s, of(q, PriceSource.CACHE)), () -> misses.add(s));
        }
        if (!misses.isEmpty()) {
            for (LiveQuoteService.SourcedQuote q : fromProvider(misses)) {
                result.put(q.quote().symbol(), of(q.quote(), PriceSource.PROVIDER));
            }
        }
        for (Symbol s : misses) {
            result.computeIfAbsent(s, this::stored);
        }
        return result;
    }

    private List<LiveQuoteService.SourcedQuote> fromProvider(List<Symbol> symbols) {
        CompletableFuture<LiveQuoteService.QuoteLookup> lookup =
                CompletableFuture.supplyAsync(() -> quotes.lookup(symbols), executor);
        try {
            return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS).quotes();
        } catch (TimeoutException e) {
            log.info("[PORTFOLIO] quotes of {} symbols took longer than {}; answering with stored closes", symbols.size(),
                    timeout);
        } catch (ExecutionException e) {
            log.info("[PORTFOLIO] quotes of {} symbols failed ({}); answering with stored closes", symbols.size(),
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /** The newest stored daily close; the one before it is the previous close. */
    private Price stored(Symbol symbol) {
        Instant now = clock.instant();
        BarSeries bars = store.read(SeriesId.of(symbol, Timeframe.D1), Instant.EPOCH, now.plus(Duration.ofDays(1)), 2);
        if (bars.isEmpty()) {
            return new Price(symbol, Double.NaN, Double.NaN, PriceSource.MISSING, null);
        }
        int last = bars.size() - 1;
        Instant end = MarketCalendars.forSymbol(symbol).barEnd(Timeframe.D1, bars.start(last));
        return new Price(symbol, bars.close(last), last > 0 ? bars.close(last - 1) : Double.NaN, PriceSource.STALE,
                end.isAfter(now) ? now : end);
    }

    private static Price of(Quote q, PriceSource source) {
        return new Price(q.symbol(), q.price(), q.previousClose().orElse(Double.NaN), source, q.time());
    }
}

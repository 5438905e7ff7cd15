package io.candlekeep.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.LiveProperties;
import io.candlekeep.app.live.LiveQuoteService;
import io.candlekeep.app.testing.InMemoryBarStore;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.app.testing.TestBars;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a portfolio's prices come from: the live cache, the provider within the timeout, or stored closes. */
final class PricesTest {

    static final Instant NOW = Instant.parse("2026-03-04T18:00:00Z");
    static final Symbol AAPL = Symbol.of("AAPL");
    static final Symbol MSFT = Symbol.of("MSFT");

    final MutableClock clock = MutableClock.at(NOW);
    final LiveCache cache = new LiveCache(LiveProperties.defaults(), clock);
    final InMemoryBarStore store = new InMemoryBarStore();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean providerHangs;
    volatile boolean providerFails;

    final QuoteProvider provider = new QuoteProvider() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Set<AssetClass> assetClasses() {
            return Set.of(AssetClass.STOCK);
        }

        @Override
        public int maxBatchSize() {
            return 50;
        }

        @Override
        public QuoteBatch quotes(List<Symbol> symbols) {
            if (providerHangs) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (providerFails) {
                return QuoteBatch.failed("HTTP 500");
            }
            return QuoteBatch.of(symbols.stream().map(s -> Quote.of(s, 42.0, NOW)).toList(), List.of());
        }
    };

    final Prices prices = new Prices(cache, new LiveQuoteService(cache, provider), store, clock,
            new PortfolioProperties(Duration.ofMillis(200), 10));

    @AfterEach
    void tearDown() {
        release.countDown();
    }

    @Test
    void latest_freshCachedQuote_isFromCache() {
        cache.put(Quote.of(AAPL, 180.5, NOW.minusSeconds(30)));

        Prices.Price p = prices.latest(List.of(AAPL)).get(AAPL);

        assertThat(p.source()).isEqualTo(PriceSource.CACHE);
        assertThat(p.price()).isEqualTo(180.5);
    }

    @Test
    void latest_cacheMiss_asksTheProviderAndCachesItsAnswer() {
        Prices.Price p = prices.latest(List.of(AAPL)).get(AAPL);

        assertThat(p.source()).isEqualTo(PriceSource.PROVIDER);
        assertThat(p.price()).isEqualTo(42.0);
        assertThat(prices.latest(List.of(AAPL)).get(AAPL).source()).isEqualTo(PriceSource.CACHE);
    }

    @Test
    void latest_providerSlowerThanTheTimeout_answersStoredCloseMarkedStale() {
        storeDailyCloses(AAPL);
        providerHangs = true;

        long started = System.nanoTime();
        Map<Symbol, Prices.Price> latest = prices.latest(List.of(AAPL, MSFT));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("bounded by the timeout").isLessThan(Duration.ofSeconds(5));
        Prices.Price aapl = latest.get(AAPL);
        assertThat(aapl.source()).isEqualTo(PriceSource.STALE);
        assertThat(aapl.price()).isEqualTo(store.read(SeriesId.of(AAPL, Timeframe.D1), Instant.EPOCH, NOW, 1).close(0));
        assertThat(aapl.previousClose()).isEqualTo(store.read(SeriesId.of(AAPL, Timeframe.D1), Instant.EPOCH, NOW, 2).close(0));
        assertThat(aapl.asOf()).isBefore(NOW);
        assertThat(latest.get(MSFT).source()).as("nothing stored").isEqualTo(PriceSource.MISSING);
        assertThat(latest.get(MSFT).price()).isNaN();
    }

    @Test
    void latest_providerFails_answersStoredCloseMarkedStale() {
        storeDailyCloses(AAPL);
        providerFails = true;

        assertThat(prices.latest(List.of(AAPL)).get(AAPL).source()).isEqualTo(PriceSource.STALE);
    }

    private void storeDailyCloses(Symbol symbol) {
        // ten NYSE sessions' daily bars, starting at the 09:30 New York open (14:30 UTC in winter)
        store.upsert(SeriesId.of(symbol, Timeframe.D1), TestBars.bars(Timeframe.D1,
                Instant.parse("2026-02-18T14:30:00Z"), 10, true, 100));
    }
}

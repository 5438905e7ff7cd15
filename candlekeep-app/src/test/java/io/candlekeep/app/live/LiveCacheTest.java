package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class LiveCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-11T15:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private final LiveCache cache = new LiveCache(LiveProperties.defaults(), clock);

    private static Quote quote(String symbol, double price, Instant time) {
        return Quote.of(Symbol.of(symbol), price, time);
    }

    @ParameterizedTest
    @CsvSource({"AAPL, 300", "SPY, 300", "^GSPC, 300", "BTC-USD, 300", "EURUSD=X, 300", "FRED:DGS10, 1800"})
    void find_justBeforeTheTtlOfTheClass_hitsAndAtTheTtl_misses(String symbol, long ttlSeconds) {
        cache.put(quote(symbol, 10, T0.minusSeconds(3600)));

        clock.advance(Duration.ofSeconds(ttlSeconds - 1));
        assertThat(cache.find(Symbol.of(symbol))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.find(Symbol.of(symbol))).isEmpty();
    }

    @Test
    void find_configuredTtl_replacesTheDefaultForThatClassOnly() {
        LiveCache custom = new LiveCache(LiveProperties.defaults().withTtl(AssetClass.CRYPTO, Duration.ofSeconds(30)), clock);
        custom.put(quote("BTC-USD", 1, T0));
        custom.put(quote("AAPL", 1, T0));

        clock.advance(Duration.ofSeconds(30));

        assertThat(custom.find(Symbol.of("BTC-USD"))).isEmpty();
        assertThat(custom.find(Symbol.of("AAPL"))).isPresent();
    }

    @Test
    void stats_countHitsMissesAndExpiredAsMisses() {
        cache.put(quote("AAPL", 1, T0));
        cache.put(quote("FRED:DGS10", 4.1, T0));

        cache.find(Symbol.of("AAPL"));
        cache.find(Symbol.of("AAPL"));
        cache.find(Symbol.of("MSFT"));
        clock.advance(Duration.ofMinutes(10));
        cache.find(Symbol.of("AAPL"));

        LiveCache.Stats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.hitRate()).isEqualTo(0.5);
        assertThat(stats.entries()).as("the expired AAPL entry is dropped").isEqualTo(1);
    }

    @Test
    void stats_beforeAnyLookup_haveHitRateZero() {
        assertThat(cache.stats()).isEqualTo(new LiveCache.Stats(0, 0, 0, 0.0));
    }

    @Test
    void put_olderTradeThanTheFreshEntry_keepsTheNewer() {
        cache.put(quote("AAPL", 2, T0));
        cache.put(quote("AAPL", 1, T0.minusSeconds(60)));

        assertThat(cache.find(Symbol.of("AAPL"))).hasValueSatisfying(q -> assertThat(q.price()).isEqualTo(2));
    }

    @Test
    void put_laterTradeOrExpiredEntry_replacesIt() {
        cache.put(quote("AAPL", 1, T0));
        cache.put(quote("AAPL", 2, T0.plusSeconds(1)));
        assertThat(cache.find(Symbol.of("AAPL"))).hasValueSatisfying(q -> assertThat(q.price()).isEqualTo(2));

        clock.advance(Duration.ofMinutes(6));
        cache.put(quote("AAPL", 3, T0));
        assertThat(cache.find(Symbol.of("AAPL"))).hasValueSatisfying(q -> assertThat(q.price()).isEqualTo(3));
    }

    @Test
    void put_sameQuoteAgain_restartsItsTtl() {
        cache.put(quote("AAPL", 1, T0));
        clock.advance(Duration.ofSeconds(200));
        cache.put(quote("AAPL", 1, T0));
        clock.advance(Duration.ofSeconds(200));

        assertThat(cache.find(Symbol.of("AAPL"))).isPresent();
    }

    /** Friday 2026-03-13 16:00 in New York, the close; the NYSE opens again on Monday at 09:30 (13:30 UTC). */
    private static final Instant FRIDAY_CLOSE = Instant.parse("2026-03-13T20:00:00Z");

    @ParameterizedTest
    @CsvSource({
            // put at the close, or on Saturday: fresh until the open
            "2026-03-13T20:00:00Z, 2026-03-16T13:29:59.999Z, 2026-03-16T13:30:00Z",
            "2026-03-14T12:00:00Z, 2026-03-16T13:29:59.999Z, 2026-03-16T13:30:00Z",
            // put a minute before the open: the TTL ends later than the closed market
            "2026-03-16T13:29:00Z, 2026-03-16T13:33:59.999Z, 2026-03-16T13:34:00Z"})
    void put_closeOfAClosedMarket_staysFreshUntilTheOpenOrTheTtlWhicheverIsLater(Instant storedAt, Instant lastFresh,
            Instant expired) {
        clock.set(storedAt);
        cache.put(quote("AAPL", 1, FRIDAY_CLOSE));

        clock.set(lastFresh);
        assertThat(cache.find(Symbol.of("AAPL"))).isPresent();
        clock.set(expired);
        assertThat(cache.find(Symbol.of("AAPL"))).isEmpty();
    }

    @Test
    void put_closeOfAnEarlierSession_keepsTheTtl() {
        // Thursday's close, put on Saturday: Friday traded since, so the quote is not the market's latest word
        clock.set(Instant.parse("2026-03-14T12:00:00Z"));
        cache.put(quote("AAPL", 1, FRIDAY_CLOSE.minus(Duration.ofDays(1))));

        clock.advance(Duration.ofSeconds(300));

        assertThat(cache.find(Symbol.of("AAPL"))).isEmpty();
    }

    @Test
    void put_quoteStampedAfterItWasPut_keepsTheTtl() {
        // a provider clock ahead of ours proves nothing about the market
        clock.set(FRIDAY_CLOSE.minusSeconds(60));
        cache.put(quote("AAPL", 1, FRIDAY_CLOSE));

        clock.advance(Duration.ofSeconds(300));

        assertThat(cache.find(Symbol.of("AAPL"))).isEmpty();
    }

    @Test
    void put_cryptoOnAWeekend_keepsTheTtl() {
        clock.set(Instant.parse("2026-03-14T12:00:00Z"));
        cache.put(quote("BTC-USD", 1, clock.instant()));

        clock.advance(Duration.ofSeconds(300));

        assertThat(cache.find(Symbol.of("BTC-USD"))).isEmpty();
    }

    @Test
    void snapshot_holdsOnlyFreshQuotesInSymbolOrder() {
        cache.put(quote("MSFT", 1, T0));
        cache.put(quote("FRED:DGS10", 4, T0));
        cache.put(quote("AAPL", 2, T0));
        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.snapshot().keySet()).containsExactly(Symbol.of("FRED:DGS10"));
        assertThat(cache.stats().hits() + cache.stats().misses()).as("a snapshot is not a lookup").isZero();
    }

    @Test
    void findAndPut_fromManyThreads_countEveryLookupAndLoseNoSymbol() throws Exception {
        int threads = 8;
        int rounds = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    Symbol s = Symbol.of("S" + (i % 50));
                    cache.put(Quote.of(s, id * 10_000 + i, T0.plusMillis(i)));
                    cache.find(s);
                    cache.find(Symbol.of("NONE" + (i % 7)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        LiveCache.Stats stats = cache.stats();
        assertThat(stats.entries()).isEqualTo(50);
        assertThat(stats.hits()).isEqualTo((long) threads * rounds);
        assertThat(stats.misses()).isEqualTo((long) threads * rounds);
        assertThat(cache.snapshot().get(Symbol.of("S49")).time()).isEqualTo(T0.plusMillis(1999));
    }
}

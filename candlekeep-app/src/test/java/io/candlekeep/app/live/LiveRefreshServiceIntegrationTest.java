package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.bars.CachingBarStore;
import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.bars.HotBarCacheProperties;
import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.provider.ProviderResilienceProperties;
import io.candlekeep.app.provider.ResilientHistoryProvider;
import io.candlekeep.app.provider.simulated.SimulatedHistoryProvider;
import io.candlekeep.app.provider.simulated.SimulatedProviderProperties;
import io.candlekeep.app.provider.simulated.SimulatedQuoteProvider;
import io.candlekeep.app.testing.ForwardingBarStore;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.app.testing.ScriptedQuotes;
import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.bars.Resampler;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import io.candlekeep.core.store.BarStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The live refresh over each real store with the simulated providers and a clock the test moves. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class LiveRefreshServiceIntegrationTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Set<Timeframe> ALL = EnumSet.allOf(Timeframe.class);
    /** Wednesday 2026-03-11, 11:07:30 in New York (EDT): the NYSE is open; the 1h bar is the 10:30 one. */
    private static final Instant OPEN = Instant.parse("2026-03-11T15:07:30Z");
    /** Saturday 2026-03-14, noon in New York. */
    private static final Instant SATURDAY = Instant.parse("2026-03-14T16:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;
    private RecordingStore store;
    private final MutableClock clock = MutableClock.at(OPEN);
    private final Map<Symbol, Set<Timeframe>> tracked = new LinkedHashMap<>();
    private HistoryProvider history;
    private LiveCache cache;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind, dir);
        store = new RecordingStore(new CachingBarStore(db.barStore(),
                new HotBarCache(HotBarCacheProperties.defaults()), clock));
        history = SimulatedHistoryProvider.withDefaults(clock);
        cache = new LiveCache(LiveProperties.defaults(), clock);
        tracked.put(AAPL, ALL);
        tracked.put(BTC, EnumSet.of(Timeframe.H1, Timeframe.H4));
    }


    private LiveRefreshService service(QuoteProvider quotes, LiveProperties properties) {
        return new LiveRefreshService(() -> Map.copyOf(tracked), quotes, history, cache, new BarWriter(store, clock),
                properties, clock);
    }

    private LiveRefreshService service() {
        return service(SimulatedQuoteProvider.withDefaults(clock), LiveProperties.defaults());
    }

    private Bar formingBar(Symbol symbol, Timeframe tf, Instant t) {
        Instant start = MarketCalendars.forSymbol(symbol).barStartContaining(tf, t).orElseThrow();
        BarSeries found = store.read(SeriesId.of(symbol, tf), start, start.plusMillis(1), 1);
        assertThat(found.size()).as("%s %s bar at %s", symbol, tf, start).isEqualTo(1);
        return found.get(0);
    }

    private BarSeries all(Symbol symbol, Timeframe tf) {
        return store.read(SeriesId.of(symbol, tf), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Integer.MAX_VALUE);
    }

    /** Stores what the simulated history held at the clock's now over the last two days, as a backfill would. */
    private void backfill(Symbol symbol, Timeframe native_, Set<Timeframe> derived) {
        Instant now = clock.instant();
        FetchOutcome outcome = history.fetch(symbol, native_, now.minus(Duration.ofDays(2)), now);
        List<Bar> bars = ((FetchOutcome.Fetched) outcome).bars();
        new BarWriter(store, clock).write(SeriesId.of(symbol, native_), bars, derived);
    }

    @Test
    void refreshAll_trackedStockWhileOpen_formingBarsOfEveryTimeframeCloseAtTheQuoteAndAreNotFinal() {
        LiveRefreshService.RefreshResult result = service().refreshAll();

        Quote quote = cache.find(AAPL).orElseThrow();
        assertThat(quote.time()).isEqualTo(OPEN);
        for (Timeframe tf : ALL) {
            Bar bar = formingBar(AAPL, tf, OPEN);
            assertThat(bar.isFinal()).as("%s final", tf).isFalse();
            assertThat(bar.close()).as("%s close", tf).isEqualTo(quote.price());
        }
        assertThat(formingBar(AAPL, Timeframe.D1, OPEN).volume()).isEqualTo(quote.dayVolume());
        assertThat(formingBar(AAPL, Timeframe.D1, OPEN).open()).isEqualTo(quote.dayOpen().getAsDouble());
        assertThat(result.symbols()).isEqualTo(2);
        assertThat(result.quotes()).isEqualTo(2);
        assertThat(result.errors()).isZero();
        assertThat(result.barsWritten()).isGreaterThanOrEqualTo(4 + 2);
    }

    @Test
    void refreshAll_storedFormingBars_keepTheirOpenAndVolumeAndTake4hFrom1h() {
        clock.set(OPEN.minus(Duration.ofMinutes(30)));
        backfill(AAPL, Timeframe.H1, EnumSet.of(Timeframe.H4));
        backfill(AAPL, Timeframe.M15, Set.of());
        Bar hourBefore = formingBar(AAPL, Timeframe.H1, OPEN);
        assertThat(hourBefore.isFinal()).isFalse();
        clock.set(OPEN);

        service().refreshAll();

        Quote quote = cache.find(AAPL).orElseThrow();
        Bar hour = formingBar(AAPL, Timeframe.H1, OPEN);
        assertThat(hour.open()).isEqualTo(hourBefore.open());
        assertThat(hour.volume()).isEqualTo(hourBefore.volume());
        assertThat(hour.high()).isEqualTo(Math.max(hourBefore.high(), quote.price()));
        assertThat(hour.low()).isEqualTo(Math.min(hourBefore.low(), quote.price()));
        assertThat(hour.close()).isEqualTo(quote.price());
        MarketCalendar nyse = MarketCalendars.nyse();
        Instant fourStart = nyse.barStartContaining(Timeframe.H4, OPEN).orElseThrow();
        BarSeries hours = store.read(SeriesId.of(AAPL, Timeframe.H1), fourStart, nyse.barEnd(Timeframe.H4, fourStart),
                Integer.MAX_VALUE);
        Bar expected4h = Resampler.resample(hours, Timeframe.H1, Timeframe.H4, nyse, OPEN).get(0);
        Bar four = formingBar(AAPL, Timeframe.H4, OPEN);
        assertThat(four).isEqualTo(expected4h);
        assertThat(four.close()).isEqualTo(quote.price());
        assertThat(four.isFinal()).isFalse();
    }

    @Test
    void refreshAll_cryptoFromAProviderWithNative4h_writesCrypto4hItselfAndStock4hFrom1h() {
        // crypto's first provider has 4h natively (as Binance); the default one derives it from 1h (as Yahoo)
        SimulatedProviderProperties native4h = new SimulatedProviderProperties(null, Set.of("15m", "1h", "4h", "1d"),
                null, null, null, null, null, null);
        ResilientHistoryProvider stocks = new ResilientHistoryProvider(history, ProviderResilienceProperties.defaults(),
                clock);
        ResilientHistoryProvider crypto = new ResilientHistoryProvider(new SimulatedHistoryProvider(clock, native4h),
                ProviderResilienceProperties.defaults(), clock);
        history = new ProviderChain(List.of(stocks), Map.of(AssetClass.CRYPTO, List.of(crypto, stocks)));
        tracked.put(AAPL, EnumSet.of(Timeframe.H4));
        tracked.put(BTC, EnumSet.of(Timeframe.H4));

        service().refreshAll();

        assertThat(store.upserted).contains(SeriesId.of(BTC, Timeframe.H4), SeriesId.of(AAPL, Timeframe.H1),
                SeriesId.of(AAPL, Timeframe.H4)).doesNotContain(SeriesId.of(BTC, Timeframe.H1));
        assertThat(formingBar(BTC, Timeframe.H4, OPEN).close()).isEqualTo(cache.find(BTC).orElseThrow().price());
        assertThat(formingBar(AAPL, Timeframe.H4, OPEN).close()).isEqualTo(cache.find(AAPL).orElseThrow().price());
    }

    @Test
    void refreshAll_finalStoredBar_isLeftExactlyAsItWas() {
        Instant start = MarketCalendars.nyse().barStartContaining(Timeframe.M15, OPEN).orElseThrow();
        Bar fin = Bar.of(start, 1.0, 2.0, 0.5, 1.5, 42, true);
        store.upsert(SeriesId.of(AAPL, Timeframe.M15), List.of(fin));
        store.upserted.clear();

        service().refreshAll();

        assertThat(all(AAPL, Timeframe.M15).toList()).containsExactly(fin);
        assertThat(store.upserted).as("no write is even tried").doesNotContain(SeriesId.of(AAPL, Timeframe.M15))
                .contains(SeriesId.of(AAPL, Timeframe.H1));
        assertThat(formingBar(AAPL, Timeframe.H1, OPEN).close()).isEqualTo(cache.find(AAPL).orElseThrow().price());
    }

    @Test
    void refreshAll_twiceInOneBar_widensTheBarAndMovesTheClose() {
        LiveRefreshService service = service();
        service.refreshAll();
        Bar first = formingBar(BTC, Timeframe.H1, OPEN);

        List<Double> prices = new ArrayList<>(List.of(first.close()));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(7));
            service.refreshAll();
            prices.add(cache.find(BTC).orElseThrow().price());
        }

        Bar last = formingBar(BTC, Timeframe.H1, OPEN);
        assertThat(last.start()).isEqualTo(first.start());
        assertThat(last.open()).isEqualTo(first.open());
        assertThat(last.close()).isEqualTo(prices.getLast());
        assertThat(last.high()).isEqualTo(prices.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertThat(last.low()).isEqualTo(prices.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    @Test
    void refreshAll_stockAtTheWeekend_isQuotedButWritesNoBar() {
        clock.set(SATURDAY);

        LiveRefreshService.RefreshResult result = service().refreshAll();

        assertThat(cache.find(AAPL)).hasValueSatisfying(q -> assertThat(q.time()).isBefore(SATURDAY));
        for (Timeframe tf : ALL) {
            assertThat(all(AAPL, tf).isEmpty()).as("%s", tf).isTrue();
        }
        assertThat(formingBar(BTC, Timeframe.H4, SATURDAY).isFinal()).isFalse();
        assertThat(result.quotes()).isEqualTo(2);
        assertThat(result.errors()).isZero();
    }

    @Test
    void refreshAll_unknownSymbol_isNeitherQuotedNorAnError() {
        tracked.put(Symbol.of("ZZZTOP"), ALL);

        LiveRefreshService.RefreshResult result = service().refreshAll();

        assertThat(result.symbols()).isEqualTo(3);
        assertThat(result.quotes()).isEqualTo(2);
        assertThat(result.errors()).isZero();
        assertThat(all(Symbol.of("ZZZTOP"), Timeframe.M15).isEmpty()).isTrue();
    }

    @Test
    void refreshAll_providerFails_countsEverySymbolAsAnErrorAndWritesNothing() {
        QuoteProvider failing = ScriptedQuotes.of("failing", 10, symbols -> QuoteBatch.failed("HTTP 500"));
        LiveRefreshService.RefreshResult result = service(failing, LiveProperties.defaults()).refreshAll();

        assertThat(result).extracting(LiveRefreshService.RefreshResult::quotes, LiveRefreshService.RefreshResult::errors,
                LiveRefreshService.RefreshResult::barsWritten).containsExactly(0, 2, 0);
        assertThat(cache.stats().entries()).isZero();
        assertThat(all(AAPL, Timeframe.H1).isEmpty()).isTrue();
    }

    @Test
    void refreshAll_configuredBatchSize_asksThatManySymbolsARequest() {
        tracked.put(Symbol.of("MSFT"), EnumSet.of(Timeframe.D1));
        CountingProvider counting = new CountingProvider(SimulatedQuoteProvider.withDefaults(clock));

        LiveRefreshService.RefreshResult result = service(counting, LiveProperties.defaults().withBatchSize(2)).refreshAll();

        assertThat(counting.requests).extracting(List::size).containsExactly(2, 1);
        assertThat(result.quotes()).isEqualTo(3);
    }

    @Test
    void writeCacheToStore_cachedQuotesOfTrackedSymbols_becomeFormingBars() {
        cache.putAll(SimulatedQuoteProvider.withDefaults(clock)
                .quotes(List.of(AAPL, BTC, Symbol.of("MSFT"))).quotes().values());

        int rows = service().writeCacheToStore();

        assertThat(rows).isGreaterThanOrEqualTo(6);
        assertThat(formingBar(AAPL, Timeframe.M15, OPEN).close()).isEqualTo(cache.find(AAPL).orElseThrow().price());
        assertThat(formingBar(BTC, Timeframe.H4, OPEN).isFinal()).isFalse();
        assertThat(all(Symbol.of("MSFT"), Timeframe.D1).isEmpty()).as("MSFT is not tracked").isTrue();
    }

    @Test
    void writeCacheToStore_afterTheTtl_writesNothing() {
        cache.putAll(SimulatedQuoteProvider.withDefaults(clock).quotes(List.of(AAPL)).quotes().values());
        clock.advance(LiveProperties.defaults().ttlOf(AssetClass.STOCK));

        assertThat(service().writeCacheToStore()).isZero();
        assertThat(all(AAPL, Timeframe.M15).isEmpty()).isTrue();
    }

    /** The store, remembering which series were written. */
    private static final class RecordingStore extends ForwardingBarStore {
        final List<SeriesId> upserted = new CopyOnWriteArrayList<>();

        RecordingStore(BarStore delegate) {
            super(delegate);
        }

        @Override
        public int upsert(SeriesId series, List<Bar> bars) {
            upserted.add(series);
            return super.upsert(series, bars);
        }

        @Override
        public int upsertAll(Map<SeriesId, List<Bar>> barsBySeries) {
            upserted.addAll(barsBySeries.keySet());
            return super.upsertAll(barsBySeries);
        }
    }

    private static final class CountingProvider implements QuoteProvider {
        private final QuoteProvider delegate;
        final List<List<Symbol>> requests = new ArrayList<>();

        CountingProvider(QuoteProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Set<AssetClass> assetClasses() {
            return delegate.assetClasses();
        }

        @Override
        public int maxBatchSize() {
            return delegate.maxBatchSize();
        }

        @Override
        public QuoteBatch quotes(List<Symbol> symbols) {
            requests.add(List.copyOf(symbols));
            return delegate.quotes(symbols);
        }
    }
}

package io.candlekeep.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.provider.simulated.SimulatedHistoryProvider;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class ProviderChainTest {

    private static final Instant NOW = Instant.parse("2025-06-02T18:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private final MutableClock clock = MutableClock.at(NOW);
    private final SimulatedHistoryProvider simulated = SimulatedHistoryProvider.withDefaults(clock);

    /** A provider with the simulated one's capabilities that always answers {@code outcome} and counts calls. */
    private static final class Scripted implements HistoryProvider {
        final AtomicInteger calls = new AtomicInteger();
        private final String name;
        private final FetchOutcome outcome;
        private final ProviderCapabilities caps;

        Scripted(String name, FetchOutcome outcome, ProviderCapabilities caps) {
            this.name = name;
            this.outcome = outcome;
            this.caps = caps;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return caps;
        }

        @Override
        public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
            calls.incrementAndGet();
            return outcome;
        }
    }

    private ResilientHistoryProvider resilient(HistoryProvider p) {
        return new ResilientHistoryProvider(p, ProviderResilienceProperties.defaults(), clock, d -> clock.advance(d), () -> 0.5);
    }

    @Test
    void fetch_firstProviderFails_asksTheNextAndAnswersItsBars() {
        Scripted broken = new Scripted("yahoo", new FetchOutcome.Failed("HTTP 500"), simulated.capabilities());
        ProviderChain chain = new ProviderChain(List.of(resilient(broken), resilient(simulated)));

        FetchOutcome outcome = chain.fetch(AAPL, Timeframe.D1, NOW.minusSeconds(30 * 86400), NOW);

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(((FetchOutcome.Fetched) outcome).bars()).isNotEmpty();
        assertThat(broken.calls.get()).isGreaterThanOrEqualTo(1);
        assertThat(chain.name()).isEqualTo("yahoo");
    }

    @Test
    void fetch_noData_isAnAnswerAndNotPassedOn() {
        FetchOutcome answer = new FetchOutcome.NoData("holiday");
        Scripted first = new Scripted("yahoo", answer, simulated.capabilities());
        Scripted second = new Scripted("other", new FetchOutcome.Failed("must not be asked"), simulated.capabilities());
        ProviderChain chain = new ProviderChain(List.of(resilient(first), resilient(second)));

        assertThat(chain.fetch(AAPL, Timeframe.D1, NOW.minusSeconds(86400), NOW)).isEqualTo(answer);
        assertThat(second.calls.get()).isZero();
    }

    @Test
    void fetch_notFound_asksTheNextWhichMayKnowTheSymbol() {
        Scripted first = new Scripted("binance", new FetchOutcome.NotFound("Invalid symbol."), simulated.capabilities());
        ProviderChain chain = new ProviderChain(List.of(resilient(first), resilient(simulated)));

        assertThat(chain.fetch(BTC, Timeframe.D1, NOW.minusSeconds(30 * 86400), NOW)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(first.calls.get()).isEqualTo(1);
    }

    @Test
    void fetch_notFoundByEveryProvider_isNotFound() {
        FetchOutcome.NotFound delisted = new FetchOutcome.NotFound("delisted");
        Scripted a = new Scripted("a", new FetchOutcome.NotFound("unknown pair"), simulated.capabilities());
        Scripted b = new Scripted("b", delisted, simulated.capabilities());

        assertThat(new ProviderChain(List.of(resilient(a), resilient(b))).fetch(AAPL, Timeframe.D1,
                NOW.minusSeconds(86400), NOW)).isEqualTo(delisted);
    }

    @Test
    void fetch_notFoundThenAFailure_isTheFailure_soTheSliceIsAskedAgain() {
        Scripted a = new Scripted("a", new FetchOutcome.NotFound("unknown pair"), simulated.capabilities());
        Scripted b = new Scripted("b", new FetchOutcome.Failed("HTTP 503"), simulated.capabilities());

        assertThat(new ProviderChain(List.of(resilient(a), resilient(b))).fetch(AAPL, Timeframe.D1,
                NOW.minusSeconds(86400), NOW)).isInstanceOf(FetchOutcome.Failed.class);
    }

    @Test
    void fetch_everyProviderFails_answersTheLastFailure() {
        Scripted a = new Scripted("a", new FetchOutcome.Failed("a broke"), simulated.capabilities());
        Scripted b = new Scripted("b", new FetchOutcome.Failed("b broke"), simulated.capabilities());

        FetchOutcome outcome = new ProviderChain(List.of(resilient(a), resilient(b)))
                .fetch(AAPL, Timeframe.D1, NOW.minusSeconds(86400), NOW);

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(((FetchOutcome.Failed) outcome).reason()).contains("b broke");
    }

    @Test
    void fetch_noProviderServesTheTimeframe_isNotFound() {
        ProviderChain chain = new ProviderChain(List.of(resilient(simulated)));

        assertThat(chain.fetch(AAPL, Timeframe.H4, NOW.minusSeconds(86400), NOW)).isInstanceOf(FetchOutcome.NotFound.class);
    }

    /** Capabilities like the simulated provider's but for crypto alone, with 4h native, as Binance has them. */
    private static ProviderCapabilities cryptoOnly() {
        return new ProviderCapabilities(Set.of(AssetClass.CRYPTO), EnumSet.allOf(Timeframe.class), Map.of(),
                Map.of(Timeframe.M15, Duration.ofDays(10), Timeframe.H1, Duration.ofDays(41), Timeframe.H4,
                        Duration.ofDays(166), Timeframe.D1, Duration.ofDays(1000)), 10);
    }

    @Test
    void fetch_cryptoSymbol_followsCryptosOrderAndOtherSymbolsTheDefault() {
        Scripted binance = new Scripted("binance", new FetchOutcome.NoData("binance answered"), cryptoOnly());
        Scripted yahoo = new Scripted("yahoo", new FetchOutcome.NoData("yahoo answered"), simulated.capabilities());
        ResilientHistoryProvider y = resilient(yahoo);
        ProviderChain chain = new ProviderChain(List.of(y), Map.of(AssetClass.CRYPTO, List.of(resilient(binance), y)));

        assertThat(chain.fetch(BTC, Timeframe.H1, NOW.minusSeconds(86400), NOW)).isEqualTo(new FetchOutcome.NoData("binance answered"));
        assertThat(chain.fetch(AAPL, Timeframe.H1, NOW.minusSeconds(86400), NOW)).isEqualTo(new FetchOutcome.NoData("yahoo answered"));
        assertThat(binance.calls.get()).isEqualTo(1);
        assertThat(yahoo.calls.get()).isEqualTo(1);
    }

    @Test
    void fetch_cryptoFirstProviderFails_fallsBackToTheNextInCryptosOrder() {
        Scripted binance = new Scripted("binance", new FetchOutcome.Failed("HTTP 503"), cryptoOnly());
        ResilientHistoryProvider y = resilient(simulated);
        ProviderChain chain = new ProviderChain(List.of(y), Map.of(AssetClass.CRYPTO, List.of(resilient(binance), y)));

        assertThat(chain.fetch(BTC, Timeframe.D1, NOW.minusSeconds(30 * 86400), NOW)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(binance.calls.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void primaryFor_eachAssetClass_isTheFirstProviderInItsOrderThatServesIt() {
        ResilientHistoryProvider binance = resilient(new Scripted("binance", new FetchOutcome.NoData(""), cryptoOnly()));
        ResilientHistoryProvider yahoo = resilient(simulated);
        ProviderChain chain = new ProviderChain(List.of(binance, yahoo), Map.of(AssetClass.CRYPTO, List.of(binance, yahoo)));

        assertThat(chain.primaryFor(AssetClass.CRYPTO)).isSameAs(binance);
        assertThat(chain.primaryFor(AssetClass.CRYPTO).capabilities().sourceOf(Timeframe.H4)).isEqualTo(Timeframe.H4);
        // the default order starts with binance, which does not serve stocks: their plans follow the next one
        assertThat(chain.primaryFor(AssetClass.STOCK)).isSameAs(yahoo);
        assertThat(chain.primaryFor(AssetClass.STOCK).capabilities().sourceOf(Timeframe.H4)).isEqualTo(Timeframe.H1);
        assertThat(chain.capabilities()).isSameAs(binance.capabilities());
    }

    @Test
    void primaryFor_noProviderServesTheClass_isTheFirstOfItsOrder() {
        ResilientHistoryProvider only = resilient(simulated);
        ProviderChain chain = new ProviderChain(List.of(only));

        assertThat(chain.primaryFor(AssetClass.MACRO)).isSameAs(only);
    }

    @Test
    void primaryFor_firstProvidersCircuitOpen_staysThatProvider() {
        Scripted broken = new Scripted("binance", new FetchOutcome.Failed("down"), cryptoOnly());
        ResilientHistoryProvider b = resilient(broken);
        ResilientHistoryProvider y = resilient(simulated);
        ProviderChain chain = new ProviderChain(List.of(y), Map.of(AssetClass.CRYPTO, List.of(b, y)));
        for (int i = 0; i < 10; i++) {
            chain.fetch(BTC, Timeframe.D1, NOW.minusSeconds(86400), NOW);
        }

        assertThat(b.circuitState()).isEqualTo(CircuitState.OPEN);
        assertThat(chain.primaryFor(AssetClass.CRYPTO)).isSameAs(b);
    }

    @Test
    void providers_listsEachProviderOnceDefaultOrderFirst() {
        ResilientHistoryProvider binance = resilient(new Scripted("binance", new FetchOutcome.NoData(""), cryptoOnly()));
        ResilientHistoryProvider yahoo = resilient(simulated);
        ProviderChain chain = new ProviderChain(List.of(yahoo), Map.of(AssetClass.CRYPTO, List.of(binance, yahoo)));

        assertThat(chain.providers()).containsExactly(yahoo, binance);
        assertThat(chain.providersFor(AssetClass.CRYPTO)).containsExactly(binance, yahoo);
        assertThat(chain.providersFor(AssetClass.FX)).containsExactly(yahoo);
        assertThat(chain.name()).isEqualTo("simulated");
    }

    /** Daily stock bars only, as Stooq serves them. */
    private static ProviderCapabilities dailyStocksOnly() {
        return new ProviderCapabilities(Set.of(AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX), Set.of(Timeframe.D1),
                Map.of(), Map.of(Timeframe.D1, Duration.ofDays(3650)), 100);
    }

    @Test
    void fetch_firstProviderFails_namesTheProviderThatAnswered() {
        Scripted broken = new Scripted("yahoo", new FetchOutcome.Failed("HTTP 503"), simulated.capabilities());
        ProviderChain chain = new ProviderChain(List.of(resilient(broken)),
                Map.of(AssetClass.STOCK, List.of(resilient(broken), resilient(simulated))));

        FetchOutcome outcome = chain.fetch(AAPL, Timeframe.D1, NOW.minusSeconds(30 * 86400), NOW);

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(((FetchOutcome.Fetched) outcome).provider()).contains("simulated");
    }

    @Test
    void fetch_dailyFallbackForStocks_isNotAskedForIntradayBars() {
        Scripted broken = new Scripted("yahoo", new FetchOutcome.Failed("HTTP 503"), simulated.capabilities());
        Scripted stooq = new Scripted("stooq", new FetchOutcome.NoData("weekend"), dailyStocksOnly());
        ResilientHistoryProvider yahoo = resilient(broken);
        ProviderChain chain = new ProviderChain(List.of(yahoo), Map.of(AssetClass.STOCK, List.of(yahoo, resilient(stooq))));

        assertThat(chain.fetch(AAPL, Timeframe.H1, NOW.minusSeconds(86400), NOW)).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(stooq.calls.get()).isZero();
        assertThat(chain.fetch(AAPL, Timeframe.D1, NOW.minusSeconds(86400), NOW)).isInstanceOf(FetchOutcome.NoData.class);
        assertThat(stooq.calls.get()).isEqualTo(1);
    }

    @Test
    void statuses_eachProviderWithTheClassesItIsAskedForAndServesItsTimeframesAndCircuit() {
        ResilientHistoryProvider binance = resilient(new Scripted("binance", new FetchOutcome.NoData(""), cryptoOnly()));
        ResilientHistoryProvider stooq = resilient(new Scripted("stooq", new FetchOutcome.NoData(""), dailyStocksOnly()));
        ResilientHistoryProvider yahoo = resilient(simulated);
        ProviderChain chain = new ProviderChain(List.of(yahoo), Map.of(AssetClass.CRYPTO, List.of(binance, yahoo),
                AssetClass.STOCK, List.of(yahoo, stooq), AssetClass.ETF, List.of(yahoo, stooq)));

        assertThat(chain.statuses()).containsExactly(
                new ProviderChain.ProviderStatus("simulated", List.copyOf(simulated.capabilities().assetClasses().stream()
                        .sorted().toList()), List.of("15m", "1h", "1d"), CircuitState.CLOSED),
                new ProviderChain.ProviderStatus("stooq", List.of(AssetClass.STOCK, AssetClass.ETF), List.of("1d"),
                        CircuitState.CLOSED),
                new ProviderChain.ProviderStatus("binance", List.of(AssetClass.CRYPTO), List.of("15m", "1h", "4h", "1d"),
                        CircuitState.CLOSED));
        assertThat(chain.orders()).containsEntry(AssetClass.STOCK, List.of("simulated", "stooq"))
                .containsEntry(AssetClass.INDEX, List.of("simulated"))
                .containsEntry(AssetClass.CRYPTO, List.of("binance", "simulated"));
    }
}

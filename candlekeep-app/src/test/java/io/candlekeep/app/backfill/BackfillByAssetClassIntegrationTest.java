package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.provider.ProviderResilienceProperties;
import io.candlekeep.app.provider.ResilientHistoryProvider;
import io.candlekeep.app.provider.simulated.SimulatedHistoryProvider;
import io.candlekeep.app.provider.simulated.SimulatedProviderProperties;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plans follow the provider first asked for each asset class: crypto goes first to a provider with 4h native (as
 * Binance), everything else to one that derives 4h from 1h (as Yahoo). Tracking a crypto pair and a stock in 1h and 4h
 * then gives the pair a 4h job of its own and the stock one 1h job that also builds its 4h bars.
 */
@Import(BackfillByAssetClassIntegrationTest.CryptoFirst.class)
final class BackfillByAssetClassIntegrationTest extends SimulatedAppTestBase {

    /** The simulated provider with 4h native, under a name of its own so the jobs and runs show who planned them. */
    private record Native4h(SimulatedHistoryProvider delegate) implements HistoryProvider {
        @Override
        public String name() {
            return "native4h";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
            return delegate.fetch(symbol, timeframe, startInclusive, endExclusive);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CryptoFirst {
        @Bean
        @Primary
        ProviderChain cryptoFirstChain(Clock clock, SimulatedProviderProperties simulated) {
            ProviderResilienceProperties resilience = ProviderResilienceProperties.defaults();
            ResilientHistoryProvider standard = new ResilientHistoryProvider(new SimulatedHistoryProvider(clock, simulated),
                    resilience, clock);
            SimulatedProviderProperties with4h = new SimulatedProviderProperties(null, Set.of("15m", "1h", "4h", "1d"),
                    null, null, null, null, null, null);
            ResilientHistoryProvider crypto = new ResilientHistoryProvider(
                    new Native4h(new SimulatedHistoryProvider(clock, with4h)), resilience, clock);
            return new ProviderChain(List.of(standard), Map.of(AssetClass.CRYPTO, List.of(crypto, standard)));
        }
    }

    @Autowired
    JdbcClient jdbc;

    private record Job(String timeframe, String provider, String derived) {
    }

    private List<Job> jobs(String symbol) {
        return jdbc.sql("SELECT timeframe, provider, derived_timeframes FROM series_job WHERE symbol = ? ORDER BY timeframe")
                .param(symbol)
                .query((rs, n) -> new Job(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3)))
                .list();
    }

    private List<String> runProviders(String symbol) {
        return jdbc.sql("SELECT DISTINCT provider FROM backfill_run WHERE symbol = ?").param(symbol).query(String.class).list();
    }

    @Test
    void track_cryptoAndStockIn1hAnd4h_cryptoFetches4hNativelyAndTheStockDerivesIt() {
        api.post("/api/v1/tracking", """
                {"symbols":["BTC-USD","AAPL"],"source":"watchlist","timeframes":["1h","4h"]}""");
        Backfills.awaitComplete(api, "BTC-USD", 2);
        Backfills.awaitComplete(api, "AAPL", 2);

        assertThat(jobs("BTC-USD")).containsExactly(new Job("1h", "native4h", ""), new Job("4h", "native4h", ""));
        assertThat(jobs("AAPL")).containsExactly(new Job("1h", "simulated", "4h"));
        assertThat(runProviders("BTC-USD")).containsExactly("native4h");
        assertThat(runProviders("AAPL")).containsExactly("simulated");
        assertThat(api.get("/api/v1/bars/BTC-USD?timeframe=4h&limit=5").json().get("bars")).hasSize(5);
        assertThat(api.get("/api/v1/bars/AAPL?timeframe=4h&limit=5").json().get("bars")).hasSize(5);
    }
}

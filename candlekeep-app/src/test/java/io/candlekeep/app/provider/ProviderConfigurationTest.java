package io.candlekeep.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.provider.binance.BinanceProperties;
import io.candlekeep.app.provider.fred.FredProperties;
import io.candlekeep.app.provider.simulated.SimulatedProviderProperties;
import io.candlekeep.app.provider.stooq.StooqProperties;
import io.candlekeep.app.provider.yahoo.YahooProperties;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.time.Instant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

final class ProviderConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({YahooProperties.class, BinanceProperties.class, StooqProperties.class,
            SimulatedProviderProperties.class, ProviderResilienceProperties.class, FredProperties.class})
    static class Settings {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, ProviderConfiguration.class);

    private static List<String> names(List<ResilientHistoryProvider> providers) {
        return providers.stream().map(ResilientHistoryProvider::name).toList();
    }

    @Test
    void historyProvider_yahoo_takesCryptoFromBinanceThenYahooStocksFromYahooThenStooqAndTheRestFromYahoo() {
        runner.withPropertyValues("candlekeep.provider=yahoo").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(names(chain.providersFor(AssetClass.CRYPTO))).containsExactly("binance", "yahoo");
            for (AssetClass c : List.of(AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX)) {
                assertThat(names(chain.providersFor(c))).as("%s", c).containsExactly("yahoo", "stooq");
                assertThat(chain.primaryFor(c).name()).as("%s", c).isEqualTo("yahoo");
            }
            assertThat(names(chain.providersFor(AssetClass.FX))).containsExactly("yahoo");
            assertThat(chain.primaryFor(AssetClass.CRYPTO).name()).isEqualTo("binance");
            assertThat(chain.primaryFor(AssetClass.FX).name()).isEqualTo("yahoo");
            assertThat(chain.name()).isEqualTo("yahoo");
            // one Yahoo for every order: one rate limiter, one circuit
            assertThat(chain.providersFor(AssetClass.CRYPTO).get(1)).isSameAs(chain.providersFor(AssetClass.STOCK).getFirst());
            assertThat(chain.providersFor(AssetClass.ETF).get(1)).isSameAs(chain.providersFor(AssetClass.STOCK).get(1));
            assertThat(names(chain.providers())).containsExactly("yahoo", "stooq", "binance");
        });
    }

    @Test
    void historyProvider_stooqDisabled_takesStocksFromYahooAlone() {
        runner.withPropertyValues("candlekeep.provider=yahoo", "candlekeep.providers.stooq.enabled=false").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(names(chain.providersFor(AssetClass.STOCK))).containsExactly("yahoo");
            assertThat(names(chain.providers())).containsExactly("yahoo", "binance");
        });
    }

    @Test
    void historyProvider_stooqWithFallbacks_asksStooqBeforeTheFallbacks() {
        runner.withPropertyValues("candlekeep.provider=yahoo", "candlekeep.fallback-providers=simulated").run(context ->
                assertThat(names(context.getBean(ProviderChain.class).providersFor(AssetClass.INDEX)))
                        .containsExactly("yahoo", "stooq", "simulated"));
    }

    @Test
    void historyProvider_providerUnset_isYahooWithCryptoFromBinance() {
        runner.run(context -> assertThat(names(context.getBean(ProviderChain.class).providersFor(AssetClass.CRYPTO)))
                .containsExactly("binance", "yahoo"));
    }

    @Test
    void historyProvider_simulated_isTheOnlyProviderForEveryClass() {
        runner.withPropertyValues("candlekeep.provider=simulated").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(names(chain.providers())).containsExactly("simulated");
            assertThat(names(chain.providersFor(AssetClass.CRYPTO))).containsExactly("simulated");
        });
    }

    @Test
    void historyProvider_cryptoProvidersSet_isThatOrderThenTheFallbacks() {
        runner.withPropertyValues("candlekeep.provider=yahoo", "candlekeep.crypto-providers= Yahoo , binance",
                "candlekeep.fallback-providers=simulated").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(names(chain.providersFor(AssetClass.CRYPTO))).containsExactly("yahoo", "binance", "simulated");
            assertThat(names(chain.providersFor(AssetClass.STOCK))).containsExactly("yahoo", "stooq", "simulated");
        });
    }

    @Test
    void historyProvider_cryptoProvidersYahoo_takesCryptoFromYahooAlone() {
        runner.withPropertyValues("candlekeep.provider=yahoo", "candlekeep.crypto-providers=yahoo").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(names(chain.providers())).containsExactly("yahoo", "stooq");
            assertThat(chain.primaryFor(AssetClass.CRYPTO).name()).isEqualTo("yahoo");
        });
    }

    @Test
    void historyProvider_unknownCryptoProvider_failsNamingIt() {
        runner.withPropertyValues("candlekeep.crypto-providers=kraken").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("'kraken'"));
    }

    @Test
    void historyProvider_fredKeySet_takesMacroFromFredThenTheFallbacks() {
        runner.withPropertyValues("candlekeep.provider=yahoo", "candlekeep.fallback-providers=simulated",
                "candlekeep.providers.fred.api-key=0123456789abcdef0123456789abcdef").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(names(chain.providersFor(AssetClass.MACRO))).containsExactly("fred", "simulated");
            assertThat(chain.primaryFor(AssetClass.MACRO).name()).isEqualTo("fred");
            assertThat(chain.findUnavailable(AssetClass.MACRO)).isEmpty();
            assertThat(names(chain.providersFor(AssetClass.STOCK))).containsExactly("yahoo", "stooq", "simulated");
            assertThat(names(chain.providers())).contains("fred");
        });
    }

    @Test
    void historyProvider_noFredKey_makesMacroUnavailableSayingWhyAndLeavesTheRest() {
        runner.withPropertyValues("candlekeep.provider=simulated").run(context -> {
            ProviderChain chain = context.getBean(ProviderChain.class);

            assertThat(chain.findUnavailable(AssetClass.MACRO)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("CANDLEKEEP_FRED_API_KEY"));
            assertThat(chain.findUnavailable(AssetClass.STOCK)).isEmpty();
            assertThat(names(chain.providers())).containsExactly("simulated");
            FetchOutcome outcome = chain.fetch(Symbol.of("FRED:CPILFESL"), Timeframe.D1,
                    Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                    f -> assertThat(f.reason()).contains("API key"));
        });
    }

    @Test
    void historyProvider_malformedFredKey_startsWithMacroUnavailableSayingWhyWithoutQuotingIt() {
        runner.withPropertyValues("candlekeep.providers.fred.api-key=not-a-key").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ProviderChain.class).findUnavailable(AssetClass.MACRO)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("32 lower-case").doesNotContain("not-a-key"));
        });
    }
}

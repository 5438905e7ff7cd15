package io.candlekeep.app.provider;

import io.candlekeep.app.macro.MacroSeriesLearned;
import io.candlekeep.app.provider.binance.BinanceHistoryProvider;
import io.candlekeep.app.provider.binance.BinanceProperties;
import io.candlekeep.app.provider.fred.FredHistoryProvider;
import io.candlekeep.app.provider.fred.FredProperties;
import io.candlekeep.app.provider.simulated.SimulatedHistoryProvider;
import io.candlekeep.app.provider.simulated.SimulatedProviderProperties;
import io.candlekeep.app.provider.simulated.SimulatedQuoteProvider;
import io.candlekeep.app.provider.stooq.StooqHistoryProvider;
import io.candlekeep.app.provider.stooq.StooqProperties;
import io.candlekeep.app.provider.yahoo.YahooHistoryProvider;
import io.candlekeep.app.provider.yahoo.YahooProperties;
import io.candlekeep.app.provider.yahoo.YahooQuoteProvider;
import io.candlekeep.app.provider.yahoo.YahooSearchProvider;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ListingListener;
import io.candlekeep.core.provider.QuoteProvider;
import io.candlekeep.core.provider.SymbolSearchProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Selects the history providers by {@code candlekeep.provider} ({@code yahoo} or {@code simulated}), its fallbacks,
 * crypto's own order and the daily fallback of stocks, ETFs and indices (Stooq), and wraps each in its rate limiter,
 * circuit breaker and retries; the quote provider follows {@code candlekeep.provider}. Macro series come from FRED,
 * followed by the fallbacks, when it has an API key; without one they are unavailable and say why.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    /** Crypto's order when {@code candlekeep.provider} is {@code yahoo} and {@code candlekeep.crypto-providers} unset. */
    static final List<String> DEFAULT_CRYPTO_PROVIDERS = List.of(BinanceHistoryProvider.NAME, YahooHistoryProvider.NAME);
    /** The asset classes whose daily bars Stooq serves when Yahoo cannot. */
    static final List<AssetClass> STOOQ_CLASSES = List.of(AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX);

    /**
     * What providers report about listings in passing goes to the listener bean (the symbol directory), found at the
     * first report: the providers are built before it, and a context without one (a test's) keeps nothing.
     */
    private final ListingListener listings;

    ProviderConfiguration(ObjectProvider<ListingListener> listeners) {
        AtomicReference<ListingListener> found = new AtomicReference<>();
        this.listings = listing -> found.updateAndGet(l -> l != null ? l : listeners.getIfAvailable(ListingListener::ignoring))
                .learned(listing);
    }

    /**
     * The chain {@code candlekeep.provider}, then each of {@code candlekeep.fallback-providers} (empty by default;
     * {@code simulated} to keep demos going when the internet fails), each with its own rate limiter, circuit
     * breaker and retries. Crypto has an order of its own, {@code candlekeep.crypto-providers} followed by the
     * fallbacks; left unset it is {@code binance,yahoo} when the provider is {@code yahoo}, and otherwise the same
     * order as everything else, so the simulated provider stays the only one offline. Stocks, ETFs and indices are
     * asked of Stooq right after Yahoo when the provider is {@code yahoo} and {@code candlekeep.providers.stooq.enabled}
     * (the default): Stooq serves only 1d, so their intraday timeframes have no fallback but the configured ones.
     * Macro series ({@code FRED:}) come from {@code fred} and then the fallbacks when
     * {@code candlekeep.providers.fred.api-key} is set, whatever {@code candlekeep.provider} is (the key says FRED is
     * wanted); else they are unavailable, with what to set.
     */
    @Bean
    ProviderChain historyProvider(@Value("${candlekeep.provider:yahoo}") String provider,
            @Value("${candlekeep.fallback-providers:}") List<String> fallbacks,
            @Value("${candlekeep.crypto-providers:}") List<String> cryptoProviders, Clock clock, YahooProperties yahoo,
            BinanceProperties binance, StooqProperties stooq, SimulatedProviderProperties simulated,
            ProviderResilienceProperties resilience, FredProperties fred, ApplicationEventPublisher events,
            MeterRegistry registry) {
        List<String> names = new ArrayList<>();
        add(names, List.of(provider));
        add(names, fallbacks);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("candlekeep.provider is blank: use yahoo or simulated");
        }
        List<String> crypto = new ArrayList<>();
        add(crypto, cryptoProviders);
        if (crypto.isEmpty() && names.getFirst().equals(YahooHistoryProvider.NAME)) {
            crypto.addAll(DEFAULT_CRYPTO_PROVIDERS);
        }
        if (!crypto.isEmpty()) {
            add(crypto, fallbacks);
        }
        List<String> stocks = new ArrayList<>(names);
        if (names.getFirst().equals(YahooHistoryProvider.NAME) && stooq.enabled()) {
            stocks.add(1, StooqHistoryProvider.NAME);
        }
        Map<String, ResilientHistoryProvider> built = new LinkedHashMap<>();
        for (String name : concat(concat(names, stocks), crypto)) {
            HistoryProvider selected = switch (name) {
                case YahooHistoryProvider.NAME -> new YahooHistoryProvider(yahoo, clock, listings);
                case BinanceHistoryProvider.NAME -> new BinanceHistoryProvider(binance, clock);
                case StooqHistoryProvider.NAME -> new StooqHistoryProvider(stooq, clock);
                case SimulatedHistoryProvider.NAME -> new SimulatedHistoryProvider(clock, simulated);
                default -> throw new IllegalArgumentException("Provider '" + name + "' is unknown: use yahoo, binance or "
                        + "simulated (candlekeep.provider, candlekeep.fallback-providers, candlekeep.crypto-providers)");
            };
            built.put(name, new ResilientHistoryProvider(selected, resilience, clock, registry));
        }
        List<ResilientHistoryProvider> chain = names.stream().map(built::get).toList();
        Map<AssetClass, List<ResilientHistoryProvider>> orders = new EnumMap<>(AssetClass.class);
        if (!stocks.equals(names)) {
            STOOQ_CLASSES.forEach(c -> orders.put(c, stocks.stream().map(built::get).toList()));
        }
        String cryptoOrder = "";
        if (!crypto.isEmpty() && !crypto.equals(names)) {
            orders.put(AssetClass.CRYPTO, crypto.stream().map(built::get).toList());
            cryptoOrder = "; crypto from " + crypto;
        }
        Map<AssetClass, String> unavailable = new EnumMap<>(AssetClass.class);
        String macroOrder;
        if (fred.findKeyProblem().isEmpty()) {
            List<String> macro = new ArrayList<>(List.of(FredHistoryProvider.NAME));
            add(macro, fallbacks);
            built.put(FredHistoryProvider.NAME, new ResilientHistoryProvider(new FredHistoryProvider(fred, clock,
                    series -> events.publishEvent(new MacroSeriesLearned(series))), resilience, clock, registry));
            orders.put(AssetClass.MACRO, macro.stream().map(built::get).toList());
            macroOrder = "; macro series from " + macro;
        } else {
            unavailable.put(AssetClass.MACRO, fred.findKeyProblem().get());
            macroOrder = "; macro series unavailable (" + (fred.apiKey() == null ? "no FRED API key" : "FRED API key "
                    + "malformed") + ")";
            if (fred.apiKey() != null) {
                log.warn("[PROVIDER] {}: macro series are refused until it is fixed", fred.findKeyProblem().get());
            }
        }
        log.info("[PROVIDER] history from {}{}{}{}", names, stocks.equals(names) ? "" : "; stocks, ETFs and indices from "
                + stocks, cryptoOrder, macroOrder);
        return new ProviderChain(chain, orders, unavailable);
    }

    /**
     * Appends the trimmed, lower-cased names not already in {@code names}; an element holding a comma-separated list
     * (as {@code @Value} gives where no conversion service splits it) counts as its names.
     */
    private static void add(List<String> names, List<String> more) {
        more.stream().flatMap(n -> Arrays.stream(n.split(","))).map(ProviderConfiguration::normalise)
                .filter(n -> !n.isEmpty() && !names.contains(n)).forEach(names::add);
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        add(out, b);
        return out;
    }

    /**
     * Live quotes from the same provider as the history, their requests counted ({@link MeteredQuoteProvider}). A
     * Yahoo quote provider closes its HTTP client on shutdown.
     */
    @Bean
    QuoteProvider quoteProvider(@Value("${candlekeep.provider:yahoo}") String provider, Clock clock, YahooProperties yahoo,
            SimulatedProviderProperties simulated, MeterRegistry registry) {
        QuoteProvider selected = switch (provider.trim().toLowerCase(Locale.ROOT)) {
            case YahooQuoteProvider.NAME -> new YahooQuoteProvider(yahoo, listings);
            case SimulatedQuoteProvider.NAME -> new SimulatedQuoteProvider(clock, simulated);
            default -> throw new IllegalArgumentException(
                    "candlekeep.provider = '" + provider + "' is unknown: use yahoo or simulated");
        };
        log.info("[PROVIDER] quotes from {}", selected.name());
        return new MeteredQuoteProvider(selected, clock, registry);
    }

    /**
     * The symbol search of {@code candlekeep.provider}: Yahoo's, with its own circuit and rate limit; the simulated
     * provider has none and finds nothing (the service then answers from the symbols it knows).
     */
    @Bean
    SymbolSearchProvider symbolSearchProvider(@Value("${candlekeep.provider:yahoo}") String provider, Clock clock,
            YahooProperties yahoo, ProviderResilienceProperties resilience, MeterRegistry registry) {
        return switch (normalise(provider)) {
            case YahooHistoryProvider.NAME -> new ResilientSymbolSearch(new YahooSearchProvider(yahoo, clock), resilience,
                    yahoo.requestsPerSecond(), clock, registry);
            case SimulatedHistoryProvider.NAME -> SymbolSearchProvider.none();
            default -> throw new IllegalArgumentException(
                    "candlekeep.provider = '" + provider + "' is unknown: use yahoo or simulated");
        };
    }
}

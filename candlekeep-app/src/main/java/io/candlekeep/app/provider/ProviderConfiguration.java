package io.candlekeep.app.provider;

import io.candlekeep.app.provider.simulated.SimulatedHistoryProvider;
import io.candlekeep.app.provider.simulated.SimulatedProviderProperties;
import io.candlekeep.app.provider.simulated.SimulatedQuoteProvider;
import io.candlekeep.app.provider.yahoo.YahooHistoryProvider;
import io.candlekeep.app.provider.yahoo.YahooProperties;
import io.candlekeep.app.provider.yahoo.YahooQuoteProvider;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.QuoteProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Selects the history provider by {@code candlekeep.provider} ({@code yahoo} or {@code simulated}) and
 * wraps it in its rate limiter, circuit breaker and retries; the quote provider follows the same setting.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    /**
     * The chain {@code candlekeep.provider}, then each of {@code candlekeep.fallback-providers} (empty by default;
     * {@code simulated} to keep demos going when the internet fails), each with its own rate limiter, circuit
     * breaker and retries.
     */
    @Bean
    ProviderChain historyProvider(@Value("${candlekeep.provider:yahoo}") String provider,
            @Value("${candlekeep.fallback-providers:}") List<String> fallbacks, Clock clock, YahooProperties yahoo,
            SimulatedProviderProperties simulated, ProviderResilienceProperties resilience) {
        List<String> names = new ArrayList<>();
        names.add(provider);
        fallbacks.stream().map(String::trim).filter(n -> !n.isEmpty() && !names.contains(n)).forEach(names::add);
        List<ResilientHistoryProvider> chain = new ArrayList<>();
        for (String name : names) {
            HistoryProvider selected = switch (name.trim().toLowerCase(Locale.ROOT)) {
                case YahooHistoryProvider.NAME -> new YahooHistoryProvider(yahoo, clock);
                case SimulatedHistoryProvider.NAME -> new SimulatedHistoryProvider(clock, simulated);
                default -> throw new IllegalArgumentException(
                        "Provider '" + name + "' is unknown: use yahoo or simulated (candlekeep.provider, candlekeep.fallback-providers)");
            };
            chain.add(new ResilientHistoryProvider(selected, resilience, clock));
        }
        log.info("[PROVIDER] history from {}", names);
        return new ProviderChain(chain);
    }

    /** Live quotes from the same provider as the history. A Yahoo quote provider closes its HTTP client on shutdown. */
    @Bean
    QuoteProvider quoteProvider(@Value("${candlekeep.provider:yahoo}") String provider, Clock clock, YahooProperties yahoo,
            SimulatedProviderProperties simulated) {
        QuoteProvider selected = switch (provider.trim().toLowerCase(Locale.ROOT)) {
            case YahooQuoteProvider.NAME -> new YahooQuoteProvider(yahoo);
            case SimulatedQuoteProvider.NAME -> new SimulatedQuoteProvider(clock, simulated);
            default -> throw new IllegalArgumentException(
                    "candlekeep.provider = '" + provider + "' is unknown: use yahoo or simulated");
        };
        log.info("[PROVIDER] quotes from {}", selected.name());
        return selected;
    }
}

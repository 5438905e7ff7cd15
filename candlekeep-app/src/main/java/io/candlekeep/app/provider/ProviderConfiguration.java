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

    @Bean
    ResilientHistoryProvider historyProvider(@Value("${candlekeep.provider:yahoo}") String provider, Clock clock,
            YahooProperties yahoo, SimulatedProviderProperties simulated, ProviderResilienceProperties resilience) {
        HistoryProvider selected = switch (provider.trim().toLowerCase(Locale.ROOT)) {
            case YahooHistoryProvider.NAME -> new YahooHistoryProvider(yahoo, clock);
            case SimulatedHistoryProvider.NAME -> new SimulatedHistoryProvider(clock, simulated);
            default -> throw new IllegalArgumentException(
                    "candlekeep.provider = '" + provider + "' is unknown: use yahoo or simulated");
        };
        log.info("[PROVIDER] history from {}", selected.name());
        return new ResilientHistoryProvider(selected, resilience, clock);
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

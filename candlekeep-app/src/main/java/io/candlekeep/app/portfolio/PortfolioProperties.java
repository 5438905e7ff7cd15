package io.candlekeep.app.portfolio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param quoteTimeout       how long opening a portfolio waits for the provider's quotes of symbols without a cached
 *                           price; then it answers with the last stored close, marked {@code stale}
 * @param backfillsPerLoad   how many symbols without history one load starts backfilling; the rest follow on later loads
 */
@ConfigurationProperties(prefix = "candlekeep.portfolio")
public record PortfolioProperties(Duration quoteTimeout, Integer backfillsPerLoad) {

    public PortfolioProperties {
        quoteTimeout = quoteTimeout == null ? Duration.ofSeconds(2) : quoteTimeout;
        backfillsPerLoad = backfillsPerLoad == null ? 10 : backfillsPerLoad;
        if (quoteTimeout.isNegative() || quoteTimeout.isZero()) {
            throw new IllegalArgumentException("candlekeep.portfolio.quote-timeout must be positive, was " + quoteTimeout);
        }
        if (backfillsPerLoad < 0) {
            throw new IllegalArgumentException("candlekeep.portfolio.backfills-per-load must be >= 0, was " + backfillsPerLoad);
        }
    }
}

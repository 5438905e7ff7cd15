package io.candlekeep.app.symbols;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the symbol search. Every component may be left out.
 *
 * @param searchTimeout   how long a search waits for the provider before answering from the stored symbols alone
 *                        (marked {@code partial}); default 3 s
 * @param searchCacheTtl  how long a provider's answer to one query is reused; default 5 min
 * @param searchCacheSize how many queries' answers are kept at most; default 1,000
 */
@ConfigurationProperties(prefix = "candlekeep.symbols")
public record SymbolsProperties(Duration searchTimeout, Duration searchCacheTtl, Integer searchCacheSize) {

    public SymbolsProperties {
        searchTimeout = Objects.requireNonNullElse(searchTimeout, Duration.ofSeconds(3));
        searchCacheTtl = Objects.requireNonNullElse(searchCacheTtl, Duration.ofMinutes(5));
        searchCacheSize = Objects.requireNonNullElse(searchCacheSize, 1000);
        if (!searchTimeout.isPositive()) {
            throw new IllegalArgumentException("candlekeep.symbols.search-timeout must be > 0 but was " + searchTimeout);
        }
        if (searchCacheTtl.isNegative()) {
            throw new IllegalArgumentException("candlekeep.symbols.search-cache-ttl must be >= 0 but was " + searchCacheTtl);
        }
        if (searchCacheSize < 0) {
            throw new IllegalArgumentException("candlekeep.symbols.search-cache-size must be >= 0 but was "
                    + searchCacheSize);
        }
    }

    public static SymbolsProperties defaults() {
        return new SymbolsProperties(null, null, null);
    }
}

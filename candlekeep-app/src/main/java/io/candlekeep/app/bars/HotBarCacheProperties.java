package io.candlekeep.app.bars;

import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hot bar cache ({@code candlekeep.bars.cache.*}).
 *
 * @param maxBars bars kept in memory over all series; about 50 bytes each, so 2,000,000 is about 100 MB
 * @param horizon how far back a cached series reaches, per timeframe code ({@code 15m: 60d}); a read that
 *     starts earlier goes to the store. Timeframes not listed keep their default.
 * @param maxStaleness how long a cached series is trusted after it was loaded; the next read after that loads it
 *     again. Writes of other instances on a shared database reach this cache only so. Unset: for ever, where this
 *     instance writes every bar through the cache (SQLite); 2 s on PostgreSQL ({@link #sharedDefault()}).
 */
@ConfigurationProperties(prefix = "candlekeep.bars.cache")
public record HotBarCacheProperties(@DefaultValue("2000000") long maxBars, Map<String, Duration> horizon,
        Duration maxStaleness) {

    public static final long DEFAULT_MAX_BARS = 2_000_000;

    public HotBarCacheProperties {
        if (maxBars < 0) {
            throw new IllegalArgumentException("candlekeep.bars.cache.max-bars must be >= 0, got " + maxBars);
        }
        horizon = horizon == null ? Map.of() : Map.copyOf(horizon);
        horizon.forEach((code, d) -> {
            Timeframe.of(code);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(
                        "candlekeep.bars.cache.horizon." + code + " must be positive, got " + d);
            }
        });
        if (maxStaleness != null && (maxStaleness.isNegative() || maxStaleness.isZero())) {
            throw new IllegalArgumentException("candlekeep.bars.cache.max-staleness must be positive, got " + maxStaleness);
        }
    }

    public static HotBarCacheProperties defaults() {
        return new HotBarCacheProperties(DEFAULT_MAX_BARS, Map.of(), null);
    }

    public static HotBarCacheProperties ofMaxBars(long maxBars) {
        return new HotBarCacheProperties(maxBars, Map.of(), null);
    }

    /** The staleness a shared database gets when none is configured. */
    public static Duration sharedDefault() {
        return Duration.ofSeconds(2);
    }

    public HotBarCacheProperties withMaxStaleness(Duration maxStaleness) {
        return new HotBarCacheProperties(maxBars, horizon, maxStaleness);
    }

    /** The horizon of every timeframe: the configured ones over 15m 60 days, 1h 2 years, 4h 5 years, 1d 10 years. */
    public Map<Timeframe, Duration> horizons() {
        Map<Timeframe, Duration> result = new EnumMap<>(Timeframe.class);
        result.put(Timeframe.M15, Duration.ofDays(60));
        result.put(Timeframe.H1, Duration.ofDays(2 * 366));
        result.put(Timeframe.H4, Duration.ofDays(5 * 366));
        result.put(Timeframe.D1, Duration.ofDays(10 * 366));
        horizon.forEach((code, d) -> result.put(Timeframe.of(code), d));
        return result;
    }
}

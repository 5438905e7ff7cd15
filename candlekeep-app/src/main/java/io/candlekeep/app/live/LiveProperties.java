package io.candlekeep.app.live;

import io.candlekeep.core.domain.AssetClass;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live quotes. Every component may be left out.
 *
 * @param ttl       how long a cached quote counts as fresh, by asset class ({@code stock}, {@code crypto}, ...,
 *                  any case); merged over the defaults: 300 s for STOCK, ETF, INDEX, CRYPTO and FX, 1800 s for MACRO
 * @param batchSize symbols per quote request when fewer than the provider's own maximum are wanted; null takes
 *                  the provider's
 */
@ConfigurationProperties(prefix = "candlekeep.live")
public record LiveProperties(Map<String, Duration> ttl, Integer batchSize) {

    private static final Duration FIVE_MINUTES = Duration.ofSeconds(300);
    private static final Map<AssetClass, Duration> DEFAULT_TTL = Map.of(
            AssetClass.STOCK, FIVE_MINUTES, AssetClass.ETF, FIVE_MINUTES, AssetClass.INDEX, FIVE_MINUTES,
            AssetClass.CRYPTO, FIVE_MINUTES, AssetClass.FX, FIVE_MINUTES, AssetClass.MACRO, Duration.ofSeconds(1800));

    public LiveProperties {
        Map<AssetClass, Duration> merged = new EnumMap<>(DEFAULT_TTL);
        if (ttl != null) {
            ttl.forEach((key, d) -> {
                AssetClass assetClass = assetClass(key);
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("candlekeep.live.ttl." + key + " must be a positive duration but was "
                            + d);
                }
                merged.put(assetClass, d);
            });
        }
        Map<String, Duration> byName = new LinkedHashMap<>();
        merged.forEach((c, d) -> byName.put(c.name(), d));
        ttl = Map.copyOf(byName);
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("candlekeep.live.batch-size must be >= 1 but was " + batchSize);
        }
    }

    public static LiveProperties defaults() {
        return new LiveProperties(null, null);
    }

    public LiveProperties withTtl(AssetClass assetClass, Duration ttl) {
        Map<String, Duration> m = new LinkedHashMap<>(this.ttl);
        m.put(assetClass.name(), ttl);
        return new LiveProperties(m, batchSize);
    }

    public LiveProperties withBatchSize(Integer batchSize) {
        return new LiveProperties(ttl, batchSize);
    }

    /** How long a quote of {@code assetClass} stays fresh. */
    public Duration ttlOf(AssetClass assetClass) {
        return ttl.get(assetClass.name());
    }

    public Optional<Integer> findBatchSize() {
        return Optional.ofNullable(batchSize);
    }

    private static AssetClass assetClass(String key) {
        String k = key == null ? "" : key.trim().replace("[", "").replace("]", "").toUpperCase(Locale.ROOT);
        try {
            return AssetClass.valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candlekeep.live.ttl has an unknown asset class '" + key + "': use one of "
                    + Arrays.toString(AssetClass.values()).toLowerCase(Locale.ROOT), e);
        }
    }
}
